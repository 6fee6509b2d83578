using Dcgan.Persistence;

namespace Dcgan.Inference;

/// <summary>
/// A generator file read without any tensor library: what it describes, its metadata and its tensors as raw bytes,
/// ready for a backend to build its network from.
/// </summary>
internal sealed record GeneratorFileContent(GeneratorDescription Description, IReadOnlyDictionary<string, string> Metadata, IReadOnlyDictionary<string, SafetensorsEntry> Tensors)
{
    /// <summary>Reads a generator file of format version 2 from its bytes.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a Dcgan generator file this library reads; the message names <paramref name="source"/>.</exception>
    public static GeneratorFileContent Read(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (ModelMetadata.IsVersion1(bytes))
            throw new InvalidDataException($"'{source}' is a version 1 model file (Dcgan 0.1 preview), which only Dcgan.Core reads: load it there and save it again to get version {ModelMetadata.CurrentVersion}.");
        SafetensorsContent content = SafetensorsFile.Read(bytes, source);
        ModelMetadata.CheckHeader(content.Metadata, source, ModelMetadata.GeneratorKind);
        (int latentSize, int imageSize, int channels, string[] classNames) = ModelMetadata.ReadGeneratorShape(content.Metadata, source);
        GeneratorDescription description;
        try
        {
            description = new GeneratorDescription(latentSize, imageSize, channels, classNames);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"'{source}' describes an invalid generator: {ex.Message}", ex);
        }
        return new GeneratorFileContent(description, content.Metadata, content.Tensors);
    }
}
