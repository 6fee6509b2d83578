using System.Diagnostics;
using System.Globalization;
using Dcgan.Data;
using Dcgan.Mnist;
using Dcgan.Models;
using Dcgan.Training;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Benchmarks;

/// <summary>
/// Training-step throughput of one configuration (<see cref="TimeToQualityBenchmark.Configurations"/>), alternated
/// round by round in one sitting: Dcgan's AdversarialTrainer, a minimal hand-written TorchSharp loop over the same
/// layers, optimizers and weight average, and, for the plain configuration, the PyTorch reference script under
/// Debian's PyTorch with the same layers and thread count.
/// </summary>
internal static class StepBenchmark
{
    public static void Run(string configuration, int rounds, int steps, int warmup, int threads, string pythonScript)
    {
        Func<DcganBuilder, DcganBuilder> configure = TimeToQualityBenchmark.Configuration(configuration);
        // The script builds the plain layers only, so only that configuration has a PyTorch column.
        bool withPyTorch = configuration == "plain";
        torch.set_num_threads(threads);
        DcganOptions options = ResolveOptions(configure, threads);
        int batch = options.Optimization.BatchSize;
        Console.WriteLine($"# Step benchmark: {configuration} configuration, batch {batch}, {steps} timed steps after {warmup} warm-up steps, {rounds} rounds");
        Console.WriteLine($"CPU: {Stats.Cpu()}; threads: {threads} (TorchSharp{(withPyTorch ? " and PyTorch" : "")})");
        MnistImageSet subset = MnistDataset.Load().Train.Take((steps + warmup) * batch);

        var trainer = new List<double>();
        var trainerEpoch = new List<double>();
        var loop = new List<double>();
        var pytorch = new List<double>();
        Console.WriteLine("| round | Dcgan trainer (images/s) | hand-written TorchSharp loop (images/s) | PyTorch 1.13 (images/s) | Dcgan trainer, whole epoch as reported (images/s) |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        for (int round = 1; round <= rounds; round++)
        {
            (double timed, double epoch) = MeasureTrainer(configure, subset, steps, warmup, threads);
            trainer.Add(timed);
            trainerEpoch.Add(epoch);
            if (withPyTorch)
                pytorch.Add(MeasurePyTorch(pythonScript, steps, warmup, threads, batch));
            loop.Add(MeasureHandWritten(options, subset, steps, warmup, ScalarType.Float32).ImagesPerSecond);
            Console.WriteLine($"| {round} | {trainer[^1]:F0} | {loop[^1]:F0} | {(withPyTorch ? pytorch[^1].ToString("F0", CultureInfo.InvariantCulture) : "-")} | {trainerEpoch[^1]:F0} |");
        }

        double[] overhead = trainer.Zip(loop, (t, l) => t / l).ToArray();
        Console.WriteLine($"median trainer / hand-written loop: {Stats.Median(overhead):F3} (per round: {string.Join(", ", overhead.Select(r => r.ToString("F3", CultureInfo.InvariantCulture)))})");
        if (withPyTorch)
        {
            double[] speedup = trainer.Zip(pytorch, (t, p) => t / p).ToArray();
            Console.WriteLine($"median trainer / PyTorch: {Stats.Median(speedup):F2}x (per round: {string.Join(", ", speedup.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))})");
            double flops = FlopsPerImage(options.Architecture);
            double achieved = Stats.Median(trainer) * flops / 1e9;
            Console.WriteLine($"FLOPs per image per training step: {flops / 1e6:F1} MFLOP (3 x G forward + 9 x D forward, see docs/performance.md)");
            Console.WriteLine($"achieved: {achieved:F1} GFLOP/s at the trainer's median throughput");
        }
    }

    /// <summary>The settings a configuration resolves to, from a trainer built only to read them.</summary>
    public static DcganOptions ResolveOptions(Func<DcganBuilder, DcganBuilder> configure, int threads)
    {
        using AdversarialTrainer probe = Trainer(configure, MnistDataset.Load().Train.Take(1), threads);
        return probe.Options;
    }

    private static AdversarialTrainer Trainer(Func<DcganBuilder, DcganBuilder> configure, MnistImageSet subset, int threads) =>
        configure(new DcganBuilder().WithDataSource(subset.ToDataSource()).WithEpochs(1).WithThreads(threads).WithSeed(1)).Build();

    /// <summary>
    /// FLOPs of one image's share of a training step. A forward pass costs F; a backward pass about 2F
    /// (gradients for inputs and weights). D runs forward on real, on detached fake and on fake for the G
    /// step (3 F_D), backward twice for its own step (4 F_D) and once for G's (2 F_D): 9 F_D. G runs forward
    /// once and backward once: 3 F_G.
    /// </summary>
    public static double FlopsPerImage(DcganArchitecture architecture)
    {
        using var g = new Generator(architecture);
        using var d = new Discriminator(architecture);
        return 3 * ForwardFlops(g, [1, architecture.Shape.LatentSize, 1, 1]) + 9 * ForwardFlops(d, [1, architecture.Shape.Channels, architecture.Shape.ImageSize, architecture.Shape.ImageSize]);
    }

    private static double ForwardFlops(nn.Module module, long[] inputShape)
    {
        // 2 FLOPs (multiply and add) per weight per output position: for a convolution, per output pixel;
        // for a transposed convolution, per input pixel.
        double flops = 0;
        using var scope = NewDisposeScope();
        using IDisposable noGrad = no_grad();
        Tensor x = zeros(inputShape);
        foreach (nn.Module child in module.modules().Skip(1))
        {
            if (child is not nn.Module<Tensor, Tensor> layer || child is TorchSharp.Modules.Sequential)
                continue;
            Tensor y = layer.call(x);
            if (child is TorchSharp.Modules.Conv2d conv)
                flops += 2.0 * conv.weight.numel() * y.shape[2] * y.shape[3];
            else if (child is TorchSharp.Modules.ConvTranspose2d deconv)
                flops += 2.0 * deconv.weight.numel() * x.shape[2] * x.shape[3];
            x = y;
        }
        return flops;
    }

    /// <summary>Images/s over the timed steps, and over the whole epoch as the library reports it (the figure <c>dcgan train</c> prints).</summary>
    private static (double Timed, double Epoch) MeasureTrainer(Func<DcganBuilder, DcganBuilder> configure, MnistImageSet subset, int steps, int warmup, int threads)
    {
        long start = 0, end = 0;
        var progress = new InlineProgress(p =>
        {
            if (p.Batch == warmup)
                start = Stopwatch.GetTimestamp();
            if (p.Batch == p.BatchesPerEpoch)
                end = Stopwatch.GetTimestamp();
        });
        using AdversarialTrainer trainer = Trainer(configure, subset, threads);
        int batch = trainer.Options.Optimization.BatchSize;
        using TrainingResult result = trainer.Train(progress);
        return (steps * batch / Stopwatch.GetElapsedTime(start, end).TotalSeconds, result.History[0].ImagesPerSecond);
    }

    /// <summary>
    /// The work of a step written out by hand from the trainer's options: the same layers, Adam settings, loss, generator
    /// steps per batch and (when
    /// the options keep one) a weight average of the generator updated after each generator step. The average's decay
    /// is fixed here; the trainer's warm-up changes the value, not the work. With another <paramref name="dtype"/> than
    /// float32 everything (weights, Adam's moments, the average, images and noise) is in that type: the cheapest form of
    /// lower precision, which mixed precision (float32 weights, cast per step) can only be slower than.
    /// </summary>
    /// <param name="trained">Called at the end with the live generator, in float32 (not the average, whose decay here does not warm up).</param>
    /// <returns>Images/s over the timed steps and the last step's two losses.</returns>
    public static (double ImagesPerSecond, float DiscriminatorLoss, float GeneratorLoss) MeasureHandWritten(DcganOptions options, MnistImageSet subset, int steps, int warmup, ScalarType dtype,
        Action<Generator>? trained = null)
    {
        OptimizationOptions o = options.Optimization;
        int batch = o.BatchSize;
        using var g = new Generator(options.Architecture, 1);
        using var d = new Discriminator(options.Architecture, 2);
        using Generator? average = o.GeneratorAverageDecay is null ? null : new Generator(options.Architecture, 3);
        // The average stays float32 in every case: its updates (a thousandth of the difference) would round away in bfloat16.
        g.to(dtype);
        d.to(dtype);
        (Tensor Average, Tensor Live)[] averaged = average is null ? [] : average.parameters().Zip(g.parameters(), (a, l) => ((Tensor)a, (Tensor)l)).ToArray();
        foreach ((Tensor a, _) in averaged)
            a.requires_grad = false;
        (Tensor Average, Tensor Live)[] averagedBuffers = average is null ? [] : average.buffers().Zip(g.buffers(), (a, l) => (a, l)).ToArray();
        double decay = o.GeneratorAverageDecay ?? 0;
        using var optG = optim.Adam(g.parameters(), o.GeneratorLearningRate, o.Beta1, o.Beta2);
        using var optD = optim.Adam(d.parameters(), o.DiscriminatorLearningRate, o.Beta1, o.Beta2);
        using ImageData data = subset.ToImageData();
        using Tensor ones = torch.ones(batch, dtype), zeros = torch.zeros(batch, dtype);
        using Tensor order = randperm(data.Count);
        long latent = options.Architecture.Shape.LatentSize;
        long start = 0;
        float lastD = 0, lastG = 0;
        for (int step = 0; step < steps + warmup; step++)
        {
            if (step == warmup)
                start = Stopwatch.GetTimestamp();
            using var scope = NewDisposeScope();
            Tensor real = data.Images.index_select(0, order.narrow(0, step * batch, batch)).to(dtype);
            optD.zero_grad();
            Tensor realLogits = d.call(real);
            Tensor fake = g.call(randn(batch, latent, 1, 1, dtype), null);
            Tensor lossD = binary_cross_entropy_with_logits(realLogits, ones) + binary_cross_entropy_with_logits(d.call(fake.detach()), zeros);
            lossD.backward();
            optD.step();
            Tensor lossG = lossD;
            for (int generatorStep = 0; generatorStep < o.GeneratorStepsPerBatch; generatorStep++)
            {
                if (generatorStep > 0)
                    fake = g.call(randn(batch, latent, 1, 1, dtype), null);
                optG.zero_grad();
                lossG = binary_cross_entropy_with_logits(d.call(fake), ones);
                lossG.backward();
                optG.step();
            }
            using (no_grad())
            {
                foreach ((Tensor a, Tensor live) in averaged)
                    a.mul_(decay).add_(live, alpha: 1 - decay);
                foreach ((Tensor a, Tensor live) in averagedBuffers)
                    a.copy_(live);
            }
            lastD = lossD.to(ScalarType.Float32).item<float>();
            lastG = lossG.to(ScalarType.Float32).item<float>();
        }
        double imagesPerSecond = steps * batch / Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (trained is not null)
        {
            g.to(ScalarType.Float32);
            trained(g);
        }
        return (imagesPerSecond, lastD, lastG);
    }

    private static double MeasurePyTorch(string script, int steps, int warmup, int threads, int batch)
    {
        var info = new ProcessStartInfo("/usr/bin/python3", $"{script} --steps {steps} --warmup {warmup} --threads {threads} --batch {batch}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        string? line = output.Split('\n').FirstOrDefault(l => l.StartsWith("images_per_second=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The PyTorch script printed no result: {output}{errors}");
        return double.Parse(line.Split(' ')[0]["images_per_second=".Length..], CultureInfo.InvariantCulture);
    }
}
