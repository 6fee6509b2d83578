using System.Globalization;
using Dcgan.Training;
using Dcgan.Tests;
using Microsoft.Extensions.Logging;
using SixLabors.ImageSharp;

namespace Dcgan.Core.Tests.Training;

public sealed class TrainingObservabilityTests
{
    private static DcganBuilder Tiny(int epochs, int images = 256) => new DcganBuilder()
        .WithDataSource(EmojiSubsetSource.First(images))
        .WithFeatureMaps(8, 8)
        .WithLatentSize(16)
        .WithBatchSize(32)
        .WithEpochs(epochs)
        .WithSeed(3)
        .WithThreads(2);

    [Fact]
    public void Train_WithOutputDirectory_WritesGifMetricsAndInterpolationThatReadBack()
    {
        using var directory = TestData.CreateTemporaryDirectory();

        using TrainingResult result = Tiny(3).WithOutputDirectory(directory.Path).WithMetrics(2).Train();

        using (Image gif = Image.Load(Path.Combine(directory.Path, "progress.gif")))
        {
            gif.Frames.Count.Should().Be(3, "one frame per epoch grid");
            gif.Width.Should().Be(8 * 30 + 2);
        }
        using (Image strip = Image.Load(Path.Combine(directory.Path, "interpolation.png")))
        {
            strip.Width.Should().Be(10 * 30 + 2);
            strip.Height.Should().Be(30 + 2);
        }

        string[] lines = File.ReadAllLines(Path.Combine(directory.Path, "metrics.csv"));
        lines[0].Should().Be("step,epoch,batch,discriminator_loss,generator_loss,real_score,fake_score,discriminator_accuracy,images_per_second,elapsed_seconds");
        long[] steps = lines.Skip(1).Select(l => long.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)).ToArray();
        steps.Should().Equal(Enumerable.Range(1, 12).Select(i => (long)(2 * i)), "3 epochs of 8 steps, a row every 2 steps");
        lines.Skip(1).SelectMany(l => l.Split(',').Skip(3)).Select(v => double.Parse(v, CultureInfo.InvariantCulture))
            .Should().OnlyContain(v => double.IsFinite(v));
        result.OutputTime.Should().BePositive().And.BeLessThan(result.Elapsed);
    }

    [Fact]
    public void Resume_DropsMetricRowsAfterTheCheckpointAndKeepsEarlierGifFrames()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string checkpoints = Path.Combine(directory.Path, "checkpoints");
        using (Tiny(2).WithOutputDirectory(directory.Path).WithCheckpoints(checkpoints).WithMetrics(1).Train())
        {
        }
        // Pretend the run went on past epoch 1's checkpoint before dying: epoch 2's rows are in the file.

        using (Tiny(3).WithResumeFrom(Path.Combine(checkpoints, "checkpoint_epoch_001.dcgan-ckpt")).WithOutputDirectory(directory.Path).WithMetrics(1).Train())
        {
        }

        long[] steps = File.ReadAllLines(Path.Combine(directory.Path, "metrics.csv")).Skip(1).Select(l => long.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)).ToArray();
        steps.Should().Equal(Enumerable.Range(1, 24).Select(i => (long)i), "each step once, in order");
        using Image gif = Image.Load(Path.Combine(directory.Path, "progress.gif"));
        gif.Frames.Count.Should().Be(3);
    }

    [Fact]
    public void Train_ProgressTimesComeFromTheTimeProvider()
    {
        var clock = new ManualClock();
        var reports = new List<TrainingProgress>();
        var progress = new InlineProgress(p =>
        {
            reports.Add(p);
            clock.Advance(TimeSpan.FromSeconds(1));
        });

        using TrainingResult result = Tiny(2).WithTimeProvider(clock).Train(progress);

        reports[2].Elapsed.Should().Be(TimeSpan.FromSeconds(2), "the clock moved one second after each of the two earlier batches");
        reports[2].EstimatedRemaining.Should().Be(TimeSpan.FromSeconds(2.0 / 3 * (16 - 3)));
        reports[4].ImagesPerSecond.Should().Be(5 * 32 / 4.0);
        result.History[0].Duration.Should().Be(TimeSpan.FromSeconds(8));
    }

    [Fact]
    public void Train_DiscriminatorOverpowered_WarnsThatItsLossIsNearZero_DefaultRatesDoNot()
    {
        using var broken = new CollectingLoggerProvider();
        using var healthy = new CollectingLoggerProvider();

        using (Tiny(3, images: 512).WithFeatureMaps(16, 16).WithLearningRates(generator: 1e-6, discriminator: 2e-2).WithLoggerFactory(broken).Train())
        {
        }
        using (Tiny(3, images: 512).WithFeatureMaps(16, 16).WithLoggerFactory(healthy).Train())
        {
        }

        broken.Entries.Should().Contain(e => e.Event.Id == 13 && e.Level == LogLevel.Warning);
        // Event 18 is about the processor (oneDNN's wrong convolutions turned off), not about this run's health.
        healthy.Entries.Should().NotContain(e => e.Level >= LogLevel.Warning && e.Event.Id != 18);
        healthy.Entries.Should().Contain(e => e.Event.Id == 1).And.Contain(e => e.Event.Id == 3).And.Contain(e => e.Event.Id == 12 && e.Message.Contains("Total params"));
    }
}
