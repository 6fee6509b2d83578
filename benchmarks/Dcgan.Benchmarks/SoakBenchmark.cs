using System.Diagnostics;
using Dcgan.Data;
using Dcgan.Imaging;
using Dcgan.Mnist;
using Dcgan.Inference;
using Dcgan.Training;

namespace Dcgan.Benchmarks;

/// <summary>
/// A soak: many epochs on a real subset with RSS after each, then 16 threads generating thousands of times
/// from one loaded generator, every output compared with the single-threaded one for the same seed.
/// </summary>
internal static class SoakBenchmark
{
    public static void Run(int epochs, int images, int calls, int threads)
    {
        Console.WriteLine($"# Soak: default architecture, {epochs} epochs on the first {images} MNIST training images, then {calls} concurrent generations on 16 threads");
        Console.WriteLine($"CPU: {Stats.Cpu()}; libtorch threads: {threads}");
        MnistImageSet subset = MnistDataset.Load().Train.Take(images);
        var rss = new List<double>();
        var progress = InlineProgress.AtEpochEnd(_ => rss.Add(Stats.RssMegabytes()));
        using TrainingResult result = new DcganBuilder().WithDataSource(subset.ToDataSource()).WithEpochs(epochs).WithThreads(threads).Train(progress);
        Console.WriteLine($"RSS after each epoch (MB): {string.Join(", ", rss.Select(r => r.ToString("F0")))}");
        Console.WriteLine($"first {rss[0]:F0} MB, last {rss[^1]:F0} MB, max {rss.Max():F0} MB, growth from epoch 2 to the end {rss[^1] - rss[1]:F0} MB over {epochs - 2} epochs");

        IImageGenerator generator = result.ImageGenerator;
        const int Seeds = 64;
        byte[][] expected = Enumerable.Range(0, Seeds).Select(seed => generator.GeneratePixels(4, seed)[3]).ToArray();
        double before = Stats.RssMegabytes();
        int mismatches = 0;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, calls, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            int seed = i % Seeds;
            if (!generator.GeneratePixels(4, seed)[3].AsSpan().SequenceEqual(expected[seed]))
                Interlocked.Increment(ref mismatches);
        });
        Console.WriteLine($"concurrent generation: {calls} calls of 4 digits on 16 threads in {clock.Elapsed.TotalSeconds:F1} s; outputs differing from single-threaded: {mismatches}; RSS {before:F0} -> {Stats.RssMegabytes():F0} MB");
        Console.WriteLine($"peak RSS: {Stats.PeakRssMegabytes():F0} MB");
    }
}
