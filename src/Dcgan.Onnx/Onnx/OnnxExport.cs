using Dcgan.Inference;
using Dcgan.Persistence;
using Google.Protobuf;

namespace Dcgan.Onnx;

/// <summary>
/// Exports a Dcgan generator file to an ONNX model (opset 17, dynamic batch, the manifest in <c>metadata_props</c>), for
/// ONNX Runtime in any language, in the browser (onnxruntime-web) or any other ONNX consumer. Needs no TorchSharp.
/// </summary>
/// <remarks>
/// Inputs: <c>noise</c> float <c>[batch, latent]</c> and, for a class-conditional generator, <c>labels</c> int64
/// <c>[batch]</c>; output <c>images</c> float <c>[batch, channels, size, size]</c> in [-1, 1]. Draw the noise with
/// <see cref="StandardNormalNoise"/> (the algorithm is named in the model's <c>noise</c> metadata) to get the same images
/// for a seed as every Dcgan backend.
/// </remarks>
public static class OnnxExport
{
    /// <summary>Writes the ONNX model of the generator in <paramref name="generatorFile"/> to <paramref name="onnxFile"/>, replacing it atomically.</summary>
    /// <param name="generatorFile">A <c>.dcgan</c> generator file (format version 2 or later).</param>
    /// <param name="onnxFile">The <c>.onnx</c> file to write; its directory is created if missing.</param>
    /// <exception cref="FileNotFoundException">The generator file does not exist.</exception>
    /// <exception cref="InvalidDataException">The generator file is not one this library reads; the message names it.</exception>
    public static void Write(string generatorFile, string onnxFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(onnxFile);
        byte[] model = ToBytes(GeneratorFileContent.Read(generatorFile), generatorFile);
        AtomicFile.Write(onnxFile, stream => stream.Write(model));
    }

    /// <summary>
    /// The ONNX model of a model file: a <c>.dcgan</c> generator file converted, or an ONNX model file as it is (told
    /// apart by content, not by name).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>The serialised <c>ModelProto</c>.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file looks like a generator file but is not one this library reads.</exception>
    public static byte[] ReadModel(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        return ToModel(File.ReadAllBytes(path), path).Model;
    }

    /// <summary>The ONNX model of a model file read from a stream (see <see cref="ReadModel(string)"/>).</summary>
    /// <param name="stream">A readable stream positioned at the start, for example a pretrained generator; left open.</param>
    /// <returns>The serialised <c>ModelProto</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The data looks like a generator file but is not one this library reads.</exception>
    public static byte[] ReadModel(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return ToModel(buffer.ToArray(), "(stream)").Model;
    }

    /// <summary>The ONNX model of a file's bytes, and the generator's description when the file is a generator file.</summary>
    internal static (byte[] Model, GeneratorDescription? Description) ToModel(byte[] bytes, string source)
    {
        if (!LooksLikeSafetensors(bytes))
            return (bytes, null);
        GeneratorFileContent content = GeneratorFileContent.Read(bytes, source);
        return (ToBytes(content, source), content.Description);
    }

    /// <summary><see cref="ToBytes(GeneratorFileContent)"/>, with the file named in its errors.</summary>
    private static byte[] ToBytes(GeneratorFileContent content, string source)
    {
        try
        {
            return ToBytes(content);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"'{source}': {ex.Message}", ex);
        }
    }

    /// <summary>A safetensors file starts with its header's length (little-endian u64) and then <c>{</c>; an ONNX model never does.</summary>
    private static bool LooksLikeSafetensors(byte[] bytes) => bytes.Length > 9 && bytes[8] == (byte)'{';

    /// <summary>The ONNX model of a generator file's content, as bytes.</summary>
    /// <param name="content">The generator file, read with <see cref="GeneratorFileContent.Read(string)"/>.</param>
    /// <returns>The serialised <c>ModelProto</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    /// <exception cref="InvalidDataException">The tensors do not form a Dcgan generator.</exception>
    public static byte[] ToBytes(GeneratorFileContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return GeneratorGraph.Build(content).ToByteArray();
    }
}
