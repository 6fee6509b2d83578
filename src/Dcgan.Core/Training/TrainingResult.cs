using Dcgan.Inference;
using Dcgan.Models;

namespace Dcgan.Training;

/// <summary>
/// What a finished training run leaves: the trained generator (owned by this result), the per-epoch
/// history and the files written.
/// </summary>
public sealed class TrainingResult : IDisposable
{
    internal TrainingResult(Generator generator, IReadOnlyList<EpochSummary> history, IReadOnlyList<string> files, TimeSpan elapsed, string? generatorPath, TimeSpan outputTime)
    {
        Generator = generator;
        ImageGenerator = new TorchImageGenerator(generator, ownsGenerator: false);
        History = history;
        Files = files;
        Elapsed = elapsed;
        GeneratorPath = generatorPath;
        OutputTime = outputTime;
    }

    /// <summary>Part of <see cref="Elapsed"/> spent writing pictures and metrics (not model files or checkpoints).</summary>
    public TimeSpan OutputTime { get; }

    /// <summary>The trained generator network, in evaluation mode. Disposed with this result.</summary>
    public Generator Generator { get; }

    /// <summary>
    /// <see cref="Generator"/> served through the inference contract, so the embedding API works on it directly
    /// (<c>result.ImageGenerator.GenerateGridPng(16)</c>). Disposed with this result.
    /// </summary>
    public TorchImageGenerator ImageGenerator { get; }

    /// <summary>One summary per finished epoch, in order.</summary>
    public IReadOnlyList<EpochSummary> History { get; }

    /// <summary>Every file written, in order (sample grids and checkpoints as epochs finish, then model files); empty without an output or checkpoint directory. Checkpoints pruned later in the run are listed too.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The generator file written at the end, or null without an output directory.</summary>
    public string? GeneratorPath { get; }

    /// <summary>Wall time of the whole run.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Disposes the generator; safe to call more than once.</summary>
    public void Dispose()
    {
        ImageGenerator.Dispose();
        Generator.Dispose();
    }
}
