using System.Globalization;
using Dcgan.Inference;
using Dcgan.Mnist;
using Dcgan.Mnist.Evaluation;
using Dcgan.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Dcgan.Benchmarks;

/// <summary>
/// Lower-precision arithmetic: the hand-written loop of <see cref="StepBenchmark"/> over one configuration's layers, in
/// float32 and entirely in bfloat16, alternated round by round in one sitting. bfloat16 throughout is the cheapest lower
/// precision there is (mixed precision adds casts to it), so when it is not faster, no lower-precision training is.
/// </summary>
internal static class PrecisionBenchmark
{
    public static void Run(string configuration, int rounds, int steps, int warmup, int trainSteps, int threads)
    {
        torch.set_num_threads(threads);
        DcganOptions options = StepBenchmark.ResolveOptions(TimeToQualityBenchmark.Configuration(configuration), threads);
        MnistImageSet subset = MnistDataset.Load().Train.Take((steps + warmup) * options.Optimization.BatchSize);
        Console.WriteLine($"# Precision benchmark: {configuration} configuration, batch {options.Optimization.BatchSize}, {steps} timed steps after {warmup} warm-up steps, {rounds} rounds");
        Console.WriteLine($"CPU: {Stats.Cpu()}; threads: {threads}; bf16 instructions: {(File.ReadAllText("/proc/cpuinfo").Contains("avx512_bf16", StringComparison.Ordinal) ? "avx512_bf16" : "none reported")}");
        Console.WriteLine("| round | float32 (images/s) | bfloat16 (images/s) | bfloat16 / float32 | last losses float32 (D, G) | last losses bfloat16 (D, G) |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        var ratios = new List<double>();
        for (int round = 1; round <= rounds; round++)
        {
            var single = StepBenchmark.MeasureHandWritten(options, subset, steps, warmup, ScalarType.Float32);
            var half = StepBenchmark.MeasureHandWritten(options, subset, steps, warmup, ScalarType.BFloat16);
            ratios.Add(half.ImagesPerSecond / single.ImagesPerSecond);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {round} | {single.ImagesPerSecond:F0} | {half.ImagesPerSecond:F0} | {ratios[^1]:F2} | {single.DiscriminatorLoss:F3}, {single.GeneratorLoss:F3} | {half.DiscriminatorLoss:F3}, {half.GeneratorLoss:F3} |"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median bfloat16 / float32: {Stats.Median([.. ratios]):F2}"));
        if (trainSteps > 0)
            TrainAndScore(options, trainSteps);
    }

    /// <summary>Whether training stays stable: the same loop from the same weights for <paramref name="steps"/> steps in each type, the live generators scored by the shipped evaluator.</summary>
    private static void TrainAndScore(DcganOptions options, int steps)
    {
        MnistDataset mnist = MnistDataset.Load();
        using MnistEvaluator evaluator = MnistEvaluator.Create(mnist);
        MnistImageSet subset = mnist.Train.Take(steps * options.Optimization.BatchSize);
        Console.WriteLine($"| {steps} steps in | images/s | last losses (D, G) | shipped evaluator, 10,000 samples |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach (ScalarType dtype in (ScalarType[])[ScalarType.Float32, ScalarType.BFloat16])
        {
            MnistEvaluation? evaluation = null;
            var run = StepBenchmark.MeasureHandWritten(options, subset, steps - 1, warmup: 1, dtype, trained: generator =>
            {
                using var served = new TorchImageGenerator(generator, ownsGenerator: false);
                evaluation = evaluator.Evaluate(served);
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {dtype} | {run.ImagesPerSecond:F0} | {run.DiscriminatorLoss:F3}, {run.GeneratorLoss:F3} | {QualityCsv.Describe(evaluation!)} |"));
        }
    }
}
