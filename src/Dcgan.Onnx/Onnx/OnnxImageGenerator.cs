using System.Text.Json;
using Dcgan.Inference;
using Dcgan.Persistence;
using Microsoft.ML.OnnxRuntime;

namespace Dcgan.Onnx;

/// <summary>
/// A Dcgan generator served by ONNX Runtime: no TorchSharp, no libtorch. Loads a <c>.dcgan</c> generator file (building
/// the ONNX graph in memory from its tensors, so you keep one file) or a model written by <see cref="OnnxExport"/>.
/// Implements <see cref="IImageGenerator"/>, so the whole embedding API (<c>Dcgan.Imaging.GeneratorImageExtensions</c>:
/// PNGs, grids, interpolation strips, class grids, raw pixels) works on it, with the same noise for a seed as every
/// backend. Thread-safe; dispose it when done.
/// </summary>
public sealed class OnnxImageGenerator : IImageGenerator, IDisposable
{
    private readonly InferenceSession session;
    private bool disposed;

    private OnnxImageGenerator(InferenceSession session, GeneratorDescription description)
    {
        this.session = session;
        Description = description;
    }

    /// <inheritdoc />
    public GeneratorDescription Description { get; }

    /// <summary>Loads a generator from a <c>.dcgan</c> generator file or an exported <c>.onnx</c> model (told apart by content), with ONNX Runtime's default threads.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The generator, owned by the caller.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is neither a Dcgan generator file nor a Dcgan ONNX model; the message names it.</exception>
    public static OnnxImageGenerator Load(string path) => Load(path, threads: null);

    /// <summary>Loads a generator from a <c>.dcgan</c> generator file or an exported <c>.onnx</c> model (told apart by content).</summary>
    /// <param name="path">The file.</param>
    /// <param name="threads">ONNX Runtime's intra-op threads, or null for its default (all cores).</param>
    /// <returns>The generator, owned by the caller.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is neither a Dcgan generator file nor a Dcgan ONNX model; the message names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is not positive.</exception>
    public static OnnxImageGenerator Load(string path, int? threads)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        return Load(File.ReadAllBytes(path), path, threads);
    }

    /// <summary>Loads a generator from a stream holding a <c>.dcgan</c> generator file or an exported <c>.onnx</c> model, with ONNX Runtime's default threads.</summary>
    /// <param name="stream">A readable stream positioned at the start, for example <c>PretrainedGenerators.Open(PretrainedGenerators.Mnist)</c>; left open.</param>
    /// <returns>The generator, owned by the caller.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The data is neither a Dcgan generator file nor a Dcgan ONNX model.</exception>
    public static OnnxImageGenerator Load(Stream stream) => Load(stream, threads: null);

    /// <summary>Loads a generator from a stream holding a <c>.dcgan</c> generator file or an exported <c>.onnx</c> model.</summary>
    /// <param name="stream">A readable stream positioned at the start; left open.</param>
    /// <param name="threads">ONNX Runtime's intra-op threads, or null for its default.</param>
    /// <returns>The generator, owned by the caller.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The data is neither a Dcgan generator file nor a Dcgan ONNX model.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is not positive.</exception>
    public static OnnxImageGenerator Load(Stream stream, int? threads) => Load(stream, "(stream)", threads);

    /// <summary>Loads from <paramref name="stream"/>, naming <paramref name="source"/> in errors.</summary>
    internal static OnnxImageGenerator Load(Stream stream, string source, int? threads)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Load(buffer.ToArray(), source, threads);
    }

    private static OnnxImageGenerator Load(byte[] bytes, string source, int? threads)
    {
        if (threads is <= 0)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "Threads must be positive when set.");
        (byte[] model, GeneratorDescription? description) = OnnxExport.ToModel(bytes, source);

        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        if (threads is int count)
            options.IntraOpNumThreads = count;
        InferenceSession session;
        try
        {
            session = new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"'{source}' is neither a Dcgan generator file nor an ONNX model ONNX Runtime can load: {ex.Message}", ex);
        }
        try
        {
            return new OnnxImageGenerator(session, description ?? Describe(session, source));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static GeneratorDescription Describe(InferenceSession session, string source)
    {
        IReadOnlyDictionary<string, string> manifest;
        try
        {
            manifest = session.ModelMetadata.CustomMetadataMap;
        }
        catch (Exception ex) when (ex is NullReferenceException or OnnxRuntimeException)
        {
            // ONNX Runtime 1.31 throws NullReferenceException reading metadata whose strings it cannot return.
            throw new InvalidDataException($"'{source}' is an ONNX model with unreadable metadata: {ex.Message}", ex);
        }
        if (!session.InputMetadata.ContainsKey(GeneratorGraph.NoiseInput) || !session.OutputMetadata.ContainsKey(GeneratorGraph.ImagesOutput))
            throw new InvalidDataException($"'{source}' is an ONNX model but not a Dcgan generator: it needs an input '{GeneratorGraph.NoiseInput}' and an output '{GeneratorGraph.ImagesOutput}'.");
        if (manifest.GetValueOrDefault(GeneratorGraph.NoiseKey) is string noise && noise != StandardNormalNoise.Algorithm)
            throw new InvalidDataException($"'{source}' was made for the noise '{noise}'; this version of Dcgan draws '{StandardNormalNoise.Algorithm}'.");
        try
        {
            (int latentSize, int imageSize, int channels, string[] classNames) = Persistence.ModelMetadata.ReadGeneratorShape(manifest, source);
            return new GeneratorDescription(latentSize, imageSize, channels, classNames);
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException)
        {
            throw new InvalidDataException($"'{source}' describes an invalid generator: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public ImageBatch Generate(float[] noise, int[]? labels = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        int count = Description.CheckGenerateArguments(noise, labels);
        using GenerationTelemetry.Call call = GenerationTelemetry.Start("onnxruntime", count);
        using OrtValue noiseValue = OrtValue.CreateTensorValueFromMemory(noise, [count, Description.LatentSize]);
        var inputs = new Dictionary<string, OrtValue> { [GeneratorGraph.NoiseInput] = noiseValue };
        OrtValue? labelValue = labels is null ? null : OrtValue.CreateTensorValueFromMemory(labels.Select(l => (long)l).ToArray(), [count]);
        try
        {
            if (labelValue is not null)
                inputs[GeneratorGraph.LabelsInput] = labelValue;
            using var run = new RunOptions();
            using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(run, inputs, [GeneratorGraph.ImagesOutput]);
            float[] pixels = outputs[0].GetTensorDataAsSpan<float>().ToArray();
            call.Succeeded();
            return new ImageBatch(pixels, count, Description.Channels, Description.ImageSize, Description.ImageSize);
        }
        finally
        {
            labelValue?.Dispose();
        }
    }

    /// <summary>Releases the ONNX Runtime session; safe to call more than once.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        session.Dispose();
    }
}
