using Dcgan.Training;

namespace Dcgan.Benchmarks;

/// <summary>Reports on the training thread, in order (Progress&lt;T&gt; posts to the thread pool and may reorder).</summary>
internal sealed class CallbackProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);

    /// <summary>Calls <paramref name="atEpochEnd"/> once per finished epoch.</summary>
    public static CallbackProgress AtEpochEnd(Action atEpochEnd) => new(p =>
    {
        if (p.Batch == p.BatchesPerEpoch)
            atEpochEnd();
    });
}
