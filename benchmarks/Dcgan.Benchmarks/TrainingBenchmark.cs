using System.Diagnostics;
using Dcgan.Mnist;
using Dcgan.Training;

namespace Dcgan.Benchmarks;

/// <summary>A whole default run on the full MNIST training set: load time, seconds per epoch, RSS per epoch, peak RSS.</summary>
internal static class TrainingBenchmark
{
    public static void Run(int epochs, int threads)
    {
        Console.WriteLine($"# Training benchmark: default settings, {epochs} epochs, full MNIST");
        Console.WriteLine($"CPU: {Stats.Cpu()}; libtorch threads: {threads}");

        long start = Stopwatch.GetTimestamp();
        MnistDataset.Load();
        Console.WriteLine($"MNIST load (read and validate 4 gzipped IDX files): {Stopwatch.GetElapsedTime(start).TotalMilliseconds:F0} ms");
        Console.WriteLine($"RSS before training: {Stats.RssMegabytes():F0} MB");

        var rssAfterEpoch = new List<double>();
        var progress = InlineProgress.AtEpochEnd(_ => rssAfterEpoch.Add(Stats.RssMegabytes()));
        using TrainingResult result = new DcganBuilder().WithMnist().WithEpochs(epochs).WithThreads(threads).Train(progress);

        Console.WriteLine("| epoch | seconds | images/s | RSS after epoch (MB) |");
        Console.WriteLine("| --- | --- | --- | --- |");
        for (int i = 0; i < result.History.Count; i++)
        {
            EpochSummary e = result.History[i];
            Console.WriteLine($"| {e.Epoch} | {e.Duration.TotalSeconds:F1} | {e.ImagesPerSecond:F0} | {rssAfterEpoch[i]:F0} |");
        }
        Console.WriteLine($"mean seconds per epoch: {result.History.Average(e => e.Duration.TotalSeconds):F1}");
        Console.WriteLine($"peak RSS: {Stats.PeakRssMegabytes():F0} MB");
    }
}
