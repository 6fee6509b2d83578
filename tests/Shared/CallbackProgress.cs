using Dcgan.Training;

namespace Dcgan.Tests;

/// <summary>Reports on the training thread, in order (Progress&lt;T&gt; posts to the thread pool and may reorder).</summary>
internal sealed class CallbackProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
