namespace Dcgan.Training;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the training thread, in order, as each batch finishes.
/// <see cref="Progress{T}"/> posts to the synchronisation context or the thread pool instead, so its callbacks
/// may run late and out of order; use this where the order matters (tests, benchmarks, measurements per epoch).
/// </summary>
/// <param name="report">Called with every snapshot; it runs on the training thread, so keep it short.</param>
public sealed class InlineProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    private readonly Action<TrainingProgress> report = report ?? throw new ArgumentNullException(nameof(report));

    /// <summary>Progress that calls <paramref name="atEpochEnd"/> once per finished epoch.</summary>
    /// <param name="atEpochEnd">Called after the last batch of each epoch, with that batch's snapshot.</param>
    /// <returns>The progress.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="atEpochEnd"/> is null.</exception>
    public static InlineProgress AtEpochEnd(Action<TrainingProgress> atEpochEnd)
    {
        ArgumentNullException.ThrowIfNull(atEpochEnd);
        return new(p =>
        {
            if (p.Batch == p.BatchesPerEpoch)
                atEpochEnd(p);
        });
    }

    /// <summary>Passes <paramref name="value"/> to the callback.</summary>
    /// <param name="value">The snapshot.</param>
    public void Report(TrainingProgress value) => report(value);
}
