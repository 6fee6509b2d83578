using System.Diagnostics;
using System.Globalization;
using Dcgan.Inference;
using Dcgan.Mnist;
using Dcgan.Mnist.Evaluation;
using Dcgan.Training;
using TorchSharp;

namespace Dcgan.Benchmarks;

/// <summary>
/// Minutes of training against quality: trains a configuration on full MNIST and, every time the training clock passes
/// another interval, scores the generator the run would save (the weight average when it keeps one) with the shipped
/// evaluator (10,000 samples, seed 0). The clock stops while scoring, so the minutes are training minutes. Writes one
/// CSV row per point (<see cref="QualityCsv"/>); <c>--images DIR</c> scores another tool's snapshots (raw float32
/// files named by their training minutes) into the same format.
/// </summary>
internal static class TimeToQualityBenchmark
{
    /// <summary>The configurations compared: the library's default and the plain DCGAN it grew from.</summary>
    public static readonly IReadOnlyDictionary<string, Func<DcganBuilder, DcganBuilder>> Configurations = new Dictionary<string, Func<DcganBuilder, DcganBuilder>>
    {
        ["default"] = b => b,
        // The default with one generator step per discriminator step (the default before issue "Good digits sooner") or three.
        ["g1"] = b => b.WithGeneratorSteps(1),
        ["g3"] = b => b.WithGeneratorSteps(3),
        // The default with bfloat16 working copies of the networks (mixed precision).
        ["bf16"] = b => b.WithPrecision(TrainingPrecision.BFloat16),
        // The textbook DCGAN on our widths: batch 64, Adam 2e-4 for both, one generator step, no average, no minibatch features.
        ["plain"] = b => b.WithBatchSize(64).WithLearningRates(2e-4, 2e-4).WithGeneratorAverage(null).WithMinibatchStdDev(false).WithMinibatchDiscrimination(0).WithGeneratorSteps(1),
    };

    /// <summary>The named configuration; a clear error naming the known ones otherwise.</summary>
    public static Func<DcganBuilder, DcganBuilder> Configuration(string name) =>
        Configurations.TryGetValue(name, out Func<DcganBuilder, DcganBuilder>? configure)
            ? configure
            : throw new ArgumentException($"Unknown configuration '{name}'; expected one of {string.Join(", ", Configurations.Keys)}.", nameof(name));

    public static void Run(string configuration, int epochs, double minutes, double everySeconds, long seed, int threads, string csvPath)
    {
        Func<DcganBuilder, DcganBuilder> configure = Configuration(configuration);
        Console.WriteLine($"# Time to quality: {configuration}, seed {seed}, up to {epochs} epochs or {minutes} training minutes, scored every {everySeconds} s");
        Console.WriteLine($"CPU: {Stats.Cpu()}; libtorch threads: {threads}");

        MnistDataset mnist = MnistDataset.Load();
        using MnistEvaluator evaluator = MnistEvaluator.Create(mnist);
        using AdversarialTrainer trainer = configure(new DcganBuilder().WithMnist().WithSeed(seed).WithEpochs(epochs).WithThreads(threads)).Build();
        using var csv = new QualityCsv(csvPath, configuration, seed);

        // The training clock runs only inside Train's steps: it is stopped while a point is scored.
        var clock = new Stopwatch();
        double next = everySeconds;
        using var cancel = new CancellationTokenSource();
        void Score(long step)
        {
            clock.Stop();
            using var scope = torch.NewDisposeScope();
            using var served = new TorchImageGenerator(trainer.SampleGenerator, ownsGenerator: false);
            var scoring = Stopwatch.StartNew();
            MnistEvaluation evaluation = evaluator.Evaluate(served);
            csv.Add(clock.Elapsed.TotalMinutes, step, evaluation);
            Console.WriteLine($"{clock.Elapsed.TotalMinutes,6:F2} min, step {step,6}: {QualityCsv.Describe(evaluation)} (scored in {scoring.Elapsed.TotalSeconds:F1} s)");
            clock.Start();
        }

        long lastStep = 0;
        var progress = new InlineProgress(p =>
        {
            lastStep = p.Step;
            if (clock.Elapsed.TotalSeconds < next)
                return;
            Score(p.Step);
            next += everySeconds;
            if (clock.Elapsed.TotalMinutes >= minutes)
                cancel.Cancel();
        });
        clock.Start();
        try
        {
            using TrainingResult result = trainer.Train(progress, cancel.Token);
            clock.Stop();
            // The last point: the end of the run, as a saved generator.
            using var served = new TorchImageGenerator(result.Generator, ownsGenerator: false);
            MnistEvaluation final = evaluator.Evaluate(served);
            csv.Add(clock.Elapsed.TotalMinutes, lastStep, final);
            Console.WriteLine($"end, {clock.Elapsed.TotalMinutes:F2} min, {result.History.Count} epochs: {QualityCsv.Describe(final)}");
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine($"stopped at {clock.Elapsed.TotalMinutes:F2} training minutes");
        }
        Console.WriteLine($"wrote {csvPath}");
    }

    /// <summary>Scores another tool's snapshots: <c>minutes_MMM.MM.f32</c> files of float32 [N, 1, 28, 28] in [-1, 1].</summary>
    public static void ScoreImages(string directory, string name, long seed, string csvPath)
    {
        MnistDataset mnist = MnistDataset.Load();
        using MnistEvaluator evaluator = MnistEvaluator.Create(mnist);
        using var csv = new QualityCsv(csvPath, name, seed);
        foreach (string file in Directory.GetFiles(directory, "minutes_*.f32").Order(StringComparer.Ordinal))
        {
            string stem = Path.GetFileNameWithoutExtension(file);
            double minutes = double.Parse(stem["minutes_".Length..], CultureInfo.InvariantCulture);
            using torch.Tensor images = Dcgan.Evaluation.RawImages.Read(file);
            MnistEvaluation evaluation = evaluator.Evaluate(images);
            csv.Add(minutes, -1, evaluation);
            Console.WriteLine($"{minutes,6:F2} min: {QualityCsv.Describe(evaluation)}");
        }
        Console.WriteLine($"wrote {csvPath}");
    }
}
