using Dcgan.Imaging;
using Dcgan.Training;
using Dcgan.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;

namespace Dcgan.Core.Tests.Training;

public sealed class AdversarialTrainerTests
{
    private static DcganBuilder Tiny(int images = 256, int epochs = 1, long seed = 1) => new DcganBuilder()
        .WithDataSource(EmojiSubsetSource.First(images))
        .WithFeatureMaps(8, 8)
        .WithLatentSize(16)
        .WithBatchSize(32)
        .WithEpochs(epochs)
        .WithSeed(seed)
        .WithThreads(2);

    [Fact]
    public void Train_SameSeedTwice_GivesBitIdenticalWeights()
    {
        using TrainingResult first = Tiny(seed: 5).Train();
        using TrainingResult second = Tiny(seed: 5).Train();
        using TrainingResult other = Tiny(seed: 6).Train();

        ModelAssertions.SameWeights(first.Generator, second.Generator).Should().BeTrue();
        first.History.Should().BeEquivalentTo(second.History, o => o.Excluding(e => e.ImagesPerSecond).Excluding(e => e.Duration));
        ModelAssertions.SameWeights(first.Generator, other.Generator).Should().BeFalse();
    }

    [Fact]
    public void Train_OnRealSubset_LossesStayFiniteAndDiscriminatorLearns()
    {
        // Wide enough (16 feature maps) for the discriminator's logits to cross zero within 64 steps. Equal rates:
        // the default's four-times-faster generator is meant to keep the discriminator from winning this easily.
        using TrainingResult result = Tiny(images: 1024, epochs: 2).WithFeatureMaps(16, 16).WithLatentSize(32).WithLearningRates(2e-4, 2e-4).Train();

        result.History.Should().HaveCount(2);
        result.History.Should().OnlyContain(e => double.IsFinite(e.DiscriminatorLoss) && double.IsFinite(e.GeneratorLoss));
        // Chance is 50%; a discriminator that learns separates real digits from early fakes.
        result.History[^1].DiscriminatorAccuracy.Should().BeGreaterThan(0.7);
        result.History[^1].RealScore.Should().BeGreaterThan(result.History[^1].FakeScore);
    }

    [Fact]
    public void Train_WithPacking_ScoresPacksAndTheDiscriminatorLearns()
    {
        using TrainingResult result = Tiny(images: 1024, epochs: 2).WithFeatureMaps(16, 16).WithLatentSize(32).WithLearningRates(2e-4, 2e-4)
            .WithDiscriminatorPacking(4).Train();

        result.History.Should().OnlyContain(e => double.IsFinite(e.DiscriminatorLoss) && double.IsFinite(e.GeneratorLoss));
        // Accuracy counts packs: above chance only if it is measured per logit, not per image (which would cap it at 25%).
        result.History[^1].DiscriminatorAccuracy.Should().BeGreaterThan(0.7).And.BeLessThanOrEqualTo(1.0);
        result.History[^1].RealScore.Should().BeGreaterThan(result.History[^1].FakeScore);
    }

    [Fact]
    public void Train_WithLabelSmoothing_HoldsTheRealScoreNearTheSmoothedTarget()
    {
        // The discriminator's best answer for a real image is its target: 1 without smoothing, 0.6 with 0.4.
        using TrainingResult plain = Tiny(images: 1024, epochs: 2).WithFeatureMaps(16, 16).WithLatentSize(32).Train();
        using TrainingResult smoothed = Tiny(images: 1024, epochs: 2).WithFeatureMaps(16, 16).WithLatentSize(32).WithLabelSmoothing(0.4).Train();

        plain.History[^1].RealScore.Should().BeGreaterThan(0.7);
        smoothed.History[^1].RealScore.Should().BeLessThan(0.65);
    }

    [Fact]
    public void Train_ReportsProgressAfterEveryBatch()
    {
        var reports = new List<TrainingProgress>();

        using TrainingResult result = Tiny(images: 256, epochs: 2).Train(new InlineProgress(reports.Add));

        reports.Should().HaveCount(2 * (256 / 32));
        reports.Select(r => r.Step).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        reports[^1].Fraction.Should().Be(1.0);
        reports.Should().OnlyContain(r => r.BatchesPerEpoch == 8 && r.Epochs == 2 && r.ImagesPerSecond > 0);
    }

    [Fact]
    public void Train_WithOutputDirectory_WritesGridPngsAndALoadableGenerator()
    {
        using var directory = TestData.CreateTemporaryDirectory();

        using TrainingResult result = Tiny(epochs: 2).WithImageSize(32).WithOutputDirectory(directory.Path).Train();

        string[] grids = [Path.Combine(directory.Path, "samples", "epoch_001.png"), Path.Combine(directory.Path, "samples", "epoch_002.png")];
        result.Files.Should().ContainInOrder(grids);
        foreach (string grid in grids)
        {
            using Image<L8> image = Image.Load<L8>(grid);
            image.Width.Should().Be(8 * (32 + 2) + 2);
            image.Height.Should().Be(8 * (32 + 2) + 2);
        }
        result.GeneratorPath.Should().Be(Path.Combine(directory.Path, "generator.dcgan"));
        using var loaded = Dcgan.Inference.TorchImageGenerator.Load(result.GeneratorPath!);
        Dcgan.Inference.ImageBatch fromFile = loaded.Generate(8, seed: 3);
        Dcgan.Inference.ImageBatch fromResult = result.ImageGenerator.Generate(8, seed: 3);
        fromFile.Pixels.ToArray().Should().Equal(fromResult.Pixels.ToArray());
        Directory.GetFiles(directory.Path, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void Train_WithoutOutputDirectory_WritesNothing()
    {
        using TrainingResult result = Tiny().Train();

        result.Files.Should().BeEmpty();
        result.GeneratorPath.Should().BeNull();
    }

    [Fact]
    public void Train_CancelledMidEpoch_StopsWithinOneBatchAndLeavesOnlyCompleteFiles()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        using var cancellation = new CancellationTokenSource();
        int reportsAfterCancel = -1;
        var progress = new InlineProgress(p =>
        {
            if (cancellation.IsCancellationRequested)
                reportsAfterCancel++;
            if (p.Epoch == 2 && p.Batch == 3)
            {
                cancellation.Cancel();
                reportsAfterCancel = 0;
            }
        });

        Action act = () => Tiny(epochs: 3).WithOutputDirectory(directory.Path).Train(progress, cancellation.Token).Dispose();

        act.Should().Throw<OperationCanceledException>();
        reportsAfterCancel.Should().Be(0, "the token is checked before every batch");
        Directory.GetFiles(directory.Path, "*", SearchOption.AllDirectories).Select(Path.GetFileName)
            .Should().BeEquivalentTo(["epoch_001.png", "progress.gif", "metrics.csv"], "only the finished epoch's pictures and the flushed metrics were written, and no temporary file remains");
        using (SixLabors.ImageSharp.Image gif = SixLabors.ImageSharp.Image.Load(Path.Combine(directory.Path, "progress.gif")))
            gif.Frames.Count.Should().Be(1);
    }

    [Fact]
    public void Train_Twice_Throws()
    {
        using var trainer = Tiny().Build();
        trainer.Train().Dispose();

        Action act = () => trainer.Train();

        act.Should().Throw<InvalidOperationException>().WithMessage("*already trained*");
    }

    [Fact]
    public void Train_MemoryStaysFlat_EveryStepTensorIsDisposed()
    {
        using var trainer = Tiny(images: 512, epochs: 1).Build();
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        trainer.Train().Dispose();

        long after = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        (after - before).Should().BeLessThan(16, "per-step tensors live in dispose scopes; 16 steps would leak far more");
    }

    [Fact]
    public void Train_LiveTensorCount_IsTheSameAfterEveryEpoch()
    {
        var liveAtEpochEnd = new List<long>();
        var progress = new InlineProgress(p =>
        {
            if (p.Batch == p.BatchesPerEpoch)
                liveAtEpochEnd.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        });

        using TrainingResult result = Tiny(images: 256, epochs: 4).Train(progress);

        liveAtEpochEnd.Should().HaveCount(4);
        liveAtEpochEnd.Distinct().Should().ContainSingle("each epoch frees everything it allocated: {0}", string.Join(", ", liveAtEpochEnd));
    }

    [Fact]
    public void Train_EveryFileWritten_LiesInsideTheOutputAndCheckpointDirectories()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string output = Path.Combine(directory.Path, "out");
        string checkpoints = Path.Combine(directory.Path, "ckpt");

        using TrainingResult result = Tiny(epochs: 2).WithOutputDirectory(output).WithCheckpoints(checkpoints).Train();

        result.Files.Should().OnlyContain(f => Path.GetFullPath(f).StartsWith(output + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || Path.GetFullPath(f).StartsWith(checkpoints + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        Directory.GetFiles(directory.Path, "*", SearchOption.AllDirectories).Should().OnlyContain(f => f.StartsWith(output, StringComparison.Ordinal) || f.StartsWith(checkpoints, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrainAsync_OnTheBuilder_DisposesTheTrainerAndReturnsTheGenerator()
    {
        using TrainingResult result = await Tiny().TrainAsync();

        result.Generator.IsDisposed.Should().BeFalse();
        Dcgan.Inference.ImageBatch images = Dcgan.Imaging.GeneratorImageExtensions.Generate(result.ImageGenerator, 2);
        (images.Count, images.Channels, images.Height, images.Width).Should().Be((2, 1, 28, 28));
    }
}
