using Dcgan.Training;
using Dcgan.Training.Losses;
using Dcgan.Tests;
using TorchSharp.Modules;

namespace Dcgan.Core.Tests.Training.Losses;

public sealed class LossTrainingTests
{
    private static DcganBuilder Tiny(int epochs) => new DcganBuilder()
        .WithDataSource(EmojiSubsetSource.First(256))
        .WithFeatureMaps(8, 8)
        .WithLatentSize(16)
        .WithBatchSize(32)
        .WithMinibatchDiscrimination(4, 3)
        .WithEpochs(epochs)
        .WithSeed(5)
        .WithThreads(2);

    public static TheoryData<string> Losses => new(AdversarialLoss.Names.Where(n => n != "non-saturating"));

    private static AdversarialLoss Small(string name) => AdversarialLoss.FromName(name) switch
    {
        // Two critic steps keep four generator steps per epoch on 256 images.
        WassersteinGradientPenaltyLoss wgan => wgan with { CriticSteps = 2 },
        var loss => loss,
    };

    [Theory]
    [MemberData(nameof(Losses))]
    public void Resume_RestoresTheLossFromTheCheckpoint_AndIsBitIdentical(string name)
    {
        using var checkpoints = TestData.CreateTemporaryDirectory();
        using var straightOutput = TestData.CreateTemporaryDirectory();
        using var resumedOutput = TestData.CreateTemporaryDirectory();
        AdversarialLoss loss = Small(name);

        using TrainingResult straight = Tiny(2).WithLoss(loss).WithOutputDirectory(straightOutput.Path).Train();
        using (Tiny(1).WithLoss(loss).WithCheckpoints(checkpoints.Path).Train())
        {
        }
        // The plain builder: the checkpoint alone must bring back the loss and its settings.
        using TrainingResult resumed = Tiny(2).WithResumeFrom(Path.Combine(checkpoints.Path, "checkpoint_epoch_001.dcgan-ckpt"))
            .WithOutputDirectory(resumedOutput.Path).Train();
        using TrainingResult plain = Tiny(2).Train();

        ModelAssertions.SameWeights(straight.Generator, resumed.Generator).Should().BeTrue();
        using var straightD = Dcgan.Persistence.DiscriminatorFile.Load(Path.Combine(straightOutput.Path, "discriminator.dcgan"));
        using var resumedD = Dcgan.Persistence.DiscriminatorFile.Load(Path.Combine(resumedOutput.Path, "discriminator.dcgan"));
        ModelAssertions.SameWeights(straightD, resumedD).Should().BeTrue();
        resumed.History.Should().BeEquivalentTo(straight.History, o => o.Excluding(e => e.ImagesPerSecond).Excluding(e => e.Duration));
        ModelAssertions.SameWeights(straight.Generator, plain.Generator).Should().BeFalse($"{name} trains differently from the default loss");
        straight.History.Should().OnlyContain(e => double.IsFinite(e.DiscriminatorLoss) && double.IsFinite(e.GeneratorLoss));
    }

    [Fact]
    public void WassersteinGradientPenalty_TakesItsCriticStepsOnTheirOwnBatches_WithACriticWithoutBatchNorm()
    {
        using AdversarialTrainer trainer = Tiny(1).WithLoss(new WassersteinGradientPenaltyLoss { CriticSteps = 4 }).Build();
        var progress = new List<TrainingProgress>();

        using TrainingResult result = trainer.Train(new InlineProgress(progress.Add));

        trainer.Discriminator.modules().OfType<BatchNorm2d>().Should().BeEmpty();
        trainer.Discriminator.Architecture.BatchNorm.Should().BeFalse();
        // 256 images in batches of 32 are 8 critic steps: 2 generator steps.
        progress.Should().HaveCount(2);
        progress[^1].BatchesPerEpoch.Should().Be(2);
        result.History[0].DiscriminatorAccuracy.Should().BeInRange(0, 1);
    }

    [Fact]
    public void Build_CriticLossWithBatchNorm_OrLabelSmoothingWithoutLabels_IsReported()
    {
        Action batchNorm = () => Tiny(1).Configure(o => o.Optimization.Loss = new WassersteinGradientPenaltyLoss()).Build();
        Action smoothing = () => Tiny(1).WithLoss(new HingeLoss()).WithLabelSmoothing(0.1).Build();
        Action fewImages = () => Tiny(1).WithLoss(new WassersteinGradientPenaltyLoss { CriticSteps = 9 }).Train();

        batchNorm.Should().Throw<DcganValidationException>().Which.Errors.Should().ContainSingle().Which.Should().Contain("wgan-gp").And.Contain("Discriminator.BatchNorm = false");
        smoothing.Should().Throw<DcganValidationException>().Which.Errors.Should().ContainSingle().Which.Should().Contain("hinge").And.Contain("WithLabelSmoothing(0.1)");
        fewImages.Should().Throw<InvalidOperationException>().WithMessage("*256 images*288*9 critic batches of 32*");
    }

    [Fact]
    public void Resume_FromACheckpointWrittenBeforeLossesWereTypes_KeepsItsLabelSmoothing()
    {
        using var checkpoints = TestData.CreateTemporaryDirectory();
        // Checkpoints of that format predate generator steps and resume with one, so the current one must have trained with one.
        using (Tiny(1).WithLabelSmoothing(0.2).WithGeneratorSteps(1).WithCheckpoints(checkpoints.Path).Train())
        {
        }
        string current = Path.Combine(checkpoints.Path, "checkpoint_epoch_001.dcgan-ckpt");
        string legacy = Path.Combine(checkpoints.Path, "legacy.dcgan-ckpt");
        WriteWithLegacyOptions(current, legacy);

        using TrainingResult fromCurrent = Tiny(2).WithResumeFrom(current).Train();
        using TrainingResult fromLegacy = Tiny(2).WithResumeFrom(legacy).Train();
        using AdversarialTrainer legacyTrainer = Tiny(2).WithResumeFrom(legacy).Build();

        legacyTrainer.Options.Optimization.Loss.Should().Be(new NonSaturatingLoss { LabelSmoothing = 0.2 });
        ModelAssertions.SameWeights(fromCurrent.Generator, fromLegacy.Generator).Should().BeTrue();
    }

    /// <summary>
    /// Rewrites a checkpoint as format version 1 stored it: one flat options record (the architecture flat too), and in
    /// its oldest form no Loss but the smoothing as LabelSmoothing.
    /// </summary>
    private static void WriteWithLegacyOptions(string source, string target)
    {
        var content = Dcgan.Persistence.SafetensorsFile.Read(File.ReadAllBytes(source), source);
        var architecture = System.Text.Json.JsonSerializer.Deserialize<Dcgan.Models.DcganArchitecture>(content.Metadata["architecture"])!;
        var optimization = System.Text.Json.JsonSerializer.Deserialize<OptimizationOptions>(content.Metadata["optimization"])!;
        var minibatch = architecture.Discriminator.Pieces.OfType<Dcgan.Models.DiscriminatorPieces.MinibatchDiscriminationPiece>().SingleOrDefault();
        var legacy = new
        {
            Architecture = new
            {
                architecture.Shape.LatentSize, architecture.Shape.ImageSize, architecture.Shape.Channels,
                GeneratorFeatureMaps = architecture.Generator.FeatureMaps, DiscriminatorFeatureMaps = architecture.Discriminator.FeatureMaps,
                MinibatchStdDev = architecture.Discriminator.Pieces.Any(p => p is Dcgan.Models.DiscriminatorPieces.MinibatchStdDevPiece),
                MinibatchDiscriminationKernels = minibatch?.Kernels ?? 0, MinibatchDiscriminationKernelDimensions = minibatch?.KernelDimensions ?? 5,
                DiscriminatorBatchNorm = architecture.Discriminator.BatchNorm, DiscriminatorPacking = architecture.Discriminator.Packing, architecture.Shape.ClassNames,
            },
            Epochs = 1, optimization.BatchSize, optimization.GeneratorLearningRate, optimization.DiscriminatorLearningRate, optimization.Beta1,
            optimization.Beta2, optimization.Seed, SampleCount = 64, optimization.GeneratorAverageDecay,
            ((NonSaturatingLoss)optimization.Loss).LabelSmoothing,
        };
        var metadata = content.Metadata.Where(p => p.Key is not ("architecture" or "optimization")).ToDictionary(p => p.Key, p => p.Value);
        metadata["format_version"] = "1";
        metadata["options"] = System.Text.Json.JsonSerializer.Serialize(legacy);
        using var stream = File.Create(target);
        Dcgan.Persistence.SafetensorsFile.Write(stream, metadata, content.Tensors.Values.ToList());
    }

    [Fact]
    public void WithLabelSmoothing_SetsTheNonSaturatingLossesSmoothing()
    {
        using AdversarialTrainer trainer = Tiny(1).WithLabelSmoothing(0.1).Build();

        trainer.Options.Optimization.Loss.Should().Be(new NonSaturatingLoss { LabelSmoothing = 0.1 });
    }
}
