using Dcgan.Persistence;

namespace Dcgan.Inference;

/// <summary>
/// The TorchSharp backend: <see cref="TorchImageGenerator"/>s from generator files of every format version. libtorch's
/// thread count is process-wide, so <c>threads</c> is ignored here; set it once with <c>torch.set_num_threads</c>.
/// </summary>
public sealed class TorchSharpBackend : IImageGeneratorBackend
{
    /// <summary>The backend's name in configuration: <c>torchsharp</c>.</summary>
    public const string BackendName = "torchsharp";

    /// <inheritdoc />
    public string Name => BackendName;

    /// <inheritdoc />
    public IImageGenerator Load(Stream model, string source, int? threads)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(source);
        return new TorchImageGenerator(GeneratorFile.Load(model, source));
    }
}
