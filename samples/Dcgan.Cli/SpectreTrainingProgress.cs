using Dcgan.Training;
using Spectre.Console;

namespace Dcgan.Cli;

/// <summary>
/// Shows <see cref="TrainingProgress"/> on a Spectre.Console bar and prints one line per finished epoch.
/// Reports arrive synchronously on the training thread (unlike <see cref="Progress{T}"/>, which posts
/// them and can reorder them); Spectre's tasks are thread-safe.
/// </summary>
internal sealed class SpectreTrainingProgress(ProgressTask task) : IProgress<TrainingProgress>
{
    // Redrawing costs CPU that training needs on a small machine: update the bar every few batches.
    private const int Every = 25;

    public void Report(TrainingProgress value)
    {
        bool epochEnd = value.Batch == value.BatchesPerEpoch;
        if (value.Batch % Every != 0 && !epochEnd && value.Batch != 1)
            return;
        task.Value = value.Fraction;
        task.Description = $"epoch {value.Epoch}/{value.Epochs} batch {value.Batch}/{value.BatchesPerEpoch} " +
            $"D {value.DiscriminatorLoss:F3} G {value.GeneratorLoss:F3} {value.ImagesPerSecond:F0} img/s ETA {value.EstimatedRemaining:hh\\:mm\\:ss}";
        if (epochEnd)
        {
            AnsiConsole.MarkupLine(
                $"epoch {value.Epoch}/{value.Epochs}: D loss {value.DiscriminatorLoss:F4}, G loss {value.GeneratorLoss:F4}, " +
                $"D(x) {value.RealScore:F3}, D(G(z)) {value.FakeScore:F3}, {value.ImagesPerSecond:F0} images/s, elapsed {value.Elapsed:hh\\:mm\\:ss}");
        }
    }
}
