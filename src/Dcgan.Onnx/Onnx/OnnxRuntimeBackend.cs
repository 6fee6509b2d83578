using Dcgan.Inference;

namespace Dcgan.Onnx;

/// <summary>The ONNX Runtime backend: <see cref="OnnxImageGenerator"/>s from generator files or exported <c>.onnx</c> models, without libtorch.</summary>
public sealed class OnnxRuntimeBackend : IImageGeneratorBackend
{
    /// <summary>The backend's name in configuration: <c>onnxruntime</c>.</summary>
    public const string BackendName = "onnxruntime";

    /// <inheritdoc />
    public string Name => BackendName;

    /// <inheritdoc />
    public IImageGenerator Load(Stream model, string source, int? threads)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(source);
        return OnnxImageGenerator.Load(model, source, threads);
    }
}
