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
/// Training-step throughput at default settings, three ways, alternated round by round in one sitting:
/// Dcgan's AdversarialTrainer, a minimal hand-written TorchSharp loop with the same layers, and the
/// PyTorch reference script under Debian's PyTorch with the same layers and thread count.
/// </summary>
internal static class StepBenchmark
{
    private const int Batch = 64;

    public static void Run(int rounds, int steps, int warmup, int threads, string pythonScript)
    {
        Console.WriteLine($"# Step benchmark: default 28 px DCGAN, batch {Batch}, {steps} timed steps after {warmup} warm-up steps, {rounds} rounds");
        Console.WriteLine($"CPU: {Stats.Cpu()}; threads: {threads} (TorchSharp and PyTorch)");
        torch.set_num_threads(threads);
        MnistImageSet subset = MnistDataset.Load().Train.Take((steps + warmup) * Batch);

        var trainer = new List<double>();
        var loop = new List<double>();
        var pytorch = new List<double>();
        Console.WriteLine("| round | Dcgan trainer (images/s) | hand-written TorchSharp loop (images/s) | PyTorch 1.13 (images/s) |");
        Console.WriteLine("| --- | --- | --- | --- |");
        for (int round = 1; round <= rounds; round++)
        {
            trainer.Add(MeasureTrainer(subset, steps, warmup, threads));
            pytorch.Add(MeasurePyTorch(pythonScript, steps, warmup, threads));
            loop.Add(MeasureHandWritten(subset, steps, warmup));
            Console.WriteLine($"| {round} | {trainer[^1]:F0} | {loop[^1]:F0} | {pytorch[^1]:F0} |");
        }

        double[] overhead = trainer.Zip(loop, (t, l) => t / l).ToArray();
        double[] speedup = trainer.Zip(pytorch, (t, p) => t / p).ToArray();
        Console.WriteLine($"median trainer / hand-written loop: {Stats.Median(overhead):F3} (per round: {string.Join(", ", overhead.Select(r => r.ToString("F3", CultureInfo.InvariantCulture)))})");
        Console.WriteLine($"median trainer / PyTorch: {Stats.Median(speedup):F2}x (per round: {string.Join(", ", speedup.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))})");

        double flops = FlopsPerImage(DcganArchitecture.Plain);
        double achieved = Stats.Median(trainer) * flops / 1e9;
        Console.WriteLine($"FLOPs per image per training step: {flops / 1e6:F1} MFLOP (3 x G forward + 9 x D forward, see docs/performance.md)");
        Console.WriteLine($"achieved: {achieved:F1} GFLOP/s at the trainer's median throughput");
    }

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

    private static double MeasureTrainer(MnistImageSet subset, int steps, int warmup, int threads)
    {
        long start = 0, end = 0;
        var progress = new InlineProgress(p =>
        {
            if (p.Batch == warmup)
                start = Stopwatch.GetTimestamp();
            if (p.Batch == p.BatchesPerEpoch)
                end = Stopwatch.GetTimestamp();
        });
        // The plain DCGAN of the other two columns, not the tuned defaults: the column measures the trainer's
        // overhead on the same layers, batch and optimizers.
        using TrainingResult result = new DcganBuilder().WithDataSource(subset.ToDataSource()).WithEpochs(1).WithThreads(threads).WithSeed(1)
            .WithBatchSize(Batch).WithLearningRates(2e-4, 2e-4).WithGeneratorAverage(null).WithMinibatchStdDev(false).WithMinibatchDiscrimination(0)
            .Train(progress);
        return steps * Batch / Stopwatch.GetElapsedTime(start, end).TotalSeconds;
    }

    private static double MeasureHandWritten(MnistImageSet subset, int steps, int warmup)
    {
        DcganArchitecture architecture = DcganArchitecture.Plain; // the layers of the other two columns
        using var g = new Generator(architecture, 1);
        using var d = new Discriminator(architecture, 2);
        using var optG = optim.Adam(g.parameters(), 2e-4, 0.5, 0.999);
        using var optD = optim.Adam(d.parameters(), 2e-4, 0.5, 0.999);
        using ImageData data = subset.ToImageData();
        using Tensor ones = torch.ones(Batch), zeros = torch.zeros(Batch);
        using Tensor order = randperm(data.Count);
        long start = 0;
        for (int step = 0; step < steps + warmup; step++)
        {
            if (step == warmup)
                start = Stopwatch.GetTimestamp();
            using var scope = NewDisposeScope();
            Tensor real = data.Images.index_select(0, order.narrow(0, step * Batch, Batch));
            optD.zero_grad();
            Tensor realLogits = d.call(real);
            Tensor fake = g.call(randn(Batch, 100, 1, 1), null);
            Tensor lossD = binary_cross_entropy_with_logits(realLogits, ones) + binary_cross_entropy_with_logits(d.call(fake.detach()), zeros);
            lossD.backward();
            optD.step();
            optG.zero_grad();
            Tensor lossG = binary_cross_entropy_with_logits(d.call(fake), ones);
            lossG.backward();
            optG.step();
            _ = lossD.item<float>() + lossG.item<float>();
        }
        return steps * Batch / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double MeasurePyTorch(string script, int steps, int warmup, int threads)
    {
        var info = new ProcessStartInfo("/usr/bin/python3", $"{script} --steps {steps} --warmup {warmup} --threads {threads} --batch {Batch}")
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
