using System.Globalization;
using Dcgan.Diagnostics;
using Dcgan.Imaging;
using Dcgan.Inference;
using Dcgan.Models;
using Dcgan.Persistence;
using Microsoft.Extensions.Logging;
using SixLabors.ImageSharp;
using static TorchSharp.torch;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Training;

/// <summary>
/// Everything a run writes to its output directory, in one place: <c>metrics.csv</c>, the per-epoch grids,
/// <c>progress.gif</c>, <c>interpolation.png</c> and the model files. Each file is complete or absent (atomic
/// writes; the metrics file is flushed row by row). Keeps the time spent, so its cost can be reported.
/// </summary>
internal sealed class TrainingOutputs : IDisposable
{
    private readonly DcganOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly MetricsCsvWriter? metrics;
    private readonly TensorBoardWriter? tensorBoard;
    private long spentTicks;

    public TrainingOutputs(DcganOptions options, ILogger logger, TimeProvider time, long resumedStep)
    {
        this.options = options;
        this.logger = logger;
        this.time = time;
        if (options.Outputs.Directory is not null && options.Outputs.MetricsInterval > 0)
            metrics = Timed(() => new MetricsCsvWriter(Path.Combine(options.Outputs.Directory, "metrics.csv"), resumedStep));
        if (options.Outputs.TensorBoardDirectory is not null)
        {
            tensorBoard = Timed(() => new TensorBoardWriter(options.Outputs.TensorBoardDirectory, time));
            Files.Add(tensorBoard.Path);
        }
    }

    /// <summary>Files written so far, in order.</summary>
    public List<string> Files { get; } = [];

    /// <summary>Wall time spent writing pictures and metrics.</summary>
    public TimeSpan Spent => TimeSpan.FromSeconds(spentTicks / (double)time.TimestampFrequency);

    public void OnStep(long step, int epoch, int batch, StepMetrics values, double imagesPerSecond, double elapsedSeconds)
    {
        if (options.Outputs.MetricsInterval == 0 || step % options.Outputs.MetricsInterval != 0)
            return;
        if (metrics is not null)
            Timed(() => metrics.Append(step, epoch, batch, values, imagesPerSecond, elapsedSeconds));
        if (tensorBoard is not null)
        {
            Timed(() => tensorBoard.Scalars(step,
            [
                ("loss/discriminator", values.DiscriminatorLoss), ("loss/generator", values.GeneratorLoss),
                ("score/real", values.RealScore), ("score/fake", values.FakeScore),
                ("accuracy/discriminator", values.Accuracy), ("speed/images_per_second", imagesPerSecond),
            ]));
        }
    }

    /// <summary>
    /// Square-ish grids; a conditional generator cycles through its classes over the fixed noise, so one
    /// column per class makes each column a class.
    /// </summary>
    private int GridColumns => options.Architecture.Shape.IsConditional ? options.Architecture.Shape.ClassCount : (int)Math.Ceiling(Math.Sqrt(options.Outputs.SampleCount));

    public void OnEpochEnd(int epoch, long step, Generator generator, Tensor fixedNoise)
    {
        if (epoch % options.Outputs.SampleInterval != 0 && epoch != options.Epochs)
            return;
        bool file = options.Outputs.Directory is not null && options.Outputs.WriteSampleGrids;
        if (!file && tensorBoard is null)
            return;
        Timed(() =>
        {
            byte[] png;
            int width, height;
            using (var served = new TorchImageGenerator(generator, ownsGenerator: false))
            using (Tensor images = served.GenerateTensor(fixedNoise))
            using (Image grid = TensorImages.ToGrid(images, GridColumns))
            {
                using var encoded = new MemoryStream();
                grid.SaveAsPng(encoded);
                (png, width, height) = (encoded.ToArray(), grid.Width, grid.Height);
            }
            tensorBoard?.Image(step, "samples", png, width, height, options.Architecture.Shape.Channels);
            if (!file)
                return;

            string samples = Path.Combine(options.Outputs.Directory!, "samples");
            string path = Path.Combine(samples, string.Create(CultureInfo.InvariantCulture, $"epoch_{epoch:D3}.png"));
            AtomicFile.Write(path, stream => stream.Write(png));
            Files.Add(path);
            Log.SampleGridWritten(logger, epoch, path);

            if (options.Outputs.WriteProgressGif && ProgressGif.Write(samples, Path.Combine(options.Outputs.Directory!, "progress.gif")) is string gif)
            {
                if (!Files.Contains(gif))
                    Files.Add(gif);
                Log.ProgressGifWritten(logger, Directory.GetFiles(samples, "epoch_*.png").Length, gif);
            }
        });
    }

    /// <summary>Writes the interpolation strip and the model files; returns the generator file's path.</summary>
    public string? OnFinished(Generator generator, Discriminator discriminator)
    {
        if (options.Outputs.Directory is null)
            return null;
        if (options.Outputs.WriteInterpolation)
        {
            Timed(() =>
            {
                string strip = Path.Combine(options.Outputs.Directory, "interpolation.png");
                using var served = new TorchImageGenerator(generator, ownsGenerator: false);
                using Image image = served.Interpolate(fromSeed: options.Optimization.Seed, toSeed: options.Optimization.Seed + 1, steps: 10);
                AtomicFile.Write(strip, stream => image.SaveAsPng(stream));
                Files.Add(strip);
                Log.InterpolationWritten(logger, strip);
                return 0;
            });
        }

        string generatorPath = Path.Combine(options.Outputs.Directory, "generator.dcgan");
        string discriminatorPath = Path.Combine(options.Outputs.Directory, "discriminator.dcgan");
        GeneratorFile.Save(generator, generatorPath);
        Log.ModelWritten(logger, nameof(Generator), generatorPath);
        DiscriminatorFile.Save(discriminator, discriminatorPath);
        Log.ModelWritten(logger, nameof(Discriminator), discriminatorPath);
        Files.Add(generatorPath);
        Files.Add(discriminatorPath);
        return generatorPath;
    }

    public void Dispose()
    {
        metrics?.Dispose();
        tensorBoard?.Dispose();
    }

    private void Timed(Action action) => Timed(() => { action(); return 0; });

    private T Timed<T>(Func<T> action)
    {
        long start = time.GetTimestamp();
        try
        {
            return action();
        }
        finally
        {
            spentTicks += time.GetTimestamp() - start;
        }
    }
}
