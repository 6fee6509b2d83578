using Dcgan.Persistence;

namespace Dcgan.Inference;

/// <summary>
/// A generator file (<c>*.dcgan</c>, format version 2 or later) read without any tensor library: what it describes, its
/// metadata and its tensors as raw bytes, ready for an inference backend to build its network from.
/// </summary>
/// <param name="Description">What the generator makes.</param>
/// <param name="Metadata">Every metadata key of the file (<c>docs/embedding.md</c> lists them).</param>
/// <param name="Tensors">The state dict by PyTorch-style name (<c>main.0.weight</c>, ...).</param>
public sealed record GeneratorFileContent(GeneratorDescription Description, IReadOnlyDictionary<string, string> Metadata, IReadOnlyDictionary<string, SafetensorsEntry> Tensors)
{
    /// <summary>Reads a generator file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Its content.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a Dcgan generator file this library reads; the message names it.</exception>
    public static GeneratorFileContent Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        return Read(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads a generator file from its bytes.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="source">What to call it in messages (a path, or <c>(stream)</c>).</param>
    /// <returns>Its content.</returns>
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
