namespace Dcgan.Inference;

/// <summary>
/// A runtime that turns generator files into <see cref="IImageGenerator"/>s: ONNX Runtime (<c>OnnxRuntimeBackend</c> in
/// Dcgan.Onnx, no libtorch) or TorchSharp (<c>TorchSharpBackend</c> in Dcgan.Core). Hosts (Dcgan.Hosting) choose one by
/// <see cref="Name"/>, so an app names its backend in configuration and a new backend is one more implementation.
/// </summary>
public interface IImageGeneratorBackend
{
    /// <summary>The name configuration uses for this backend, lower case: <c>onnxruntime</c>, <c>torchsharp</c>.</summary>
    string Name { get; }

    /// <summary>Loads a generator from <paramref name="model"/>, a generator file (or a model format the backend reads).</summary>
    /// <param name="model">A readable stream at the start of the model; left open.</param>
    /// <param name="source">The file or resource the stream comes from, named in errors.</param>
    /// <param name="threads">Threads the backend may use for one call, or null for its default.</param>
    /// <returns>The generator, owned by the caller.</returns>
    /// <exception cref="InvalidDataException">The model is not one this backend reads; the message names <paramref name="source"/>.</exception>
    IImageGenerator Load(Stream model, string source, int? threads);
}
