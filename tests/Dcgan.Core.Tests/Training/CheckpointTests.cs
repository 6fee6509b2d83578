using Dcgan.Models.DiscriminatorPieces;
using Dcgan.Training;
using Dcgan.Tests;

namespace Dcgan.Core.Tests.Training;

/// <summary>
/// libtorch's thread count is process-wide and oneDNN's reductions depend on it, so these bit-identity tests run alone,
/// after the parallel ones, where no other test can change it between the runs they compare.
/// </summary>
[CollectionDefinition(nameof(CheckpointTests), DisableParallelization = true)]
public sealed class CheckpointCollection;

[Collection(nameof(CheckpointTests))]
public sealed class CheckpointTests
{
    private static DcganBuilder Tiny(int epochs) => TinyTraining.Builder(epochs);

    /// <summary>Cancels its token when the run reaches a given epoch and step: a user pressing Ctrl+C mid-epoch, deterministically.</summary>
    private sealed class CancelAt(int epoch, int batch, CancellationTokenSource cancellation) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Epoch == epoch && value.Batch == batch)
                cancellation.Cancel();
        }
    }

    [Fact]
    public void CancelledMidEpoch_WritesACheckpointThatResumesBitIdenticallyToAnUninterruptedRun()
    {
        using var checkpoints = TestData.CreateTemporaryDirectory();
        using var straightOutput = TestData.CreateTemporaryDirectory();
        using var resumedOutput = TestData.CreateTemporaryDirectory();
        using TrainingResult straight = Tiny(2).WithOutputDirectory(straightOutput.Path).Train();

        using var cancellation = new CancellationTokenSource();
        Action interrupted = () => Tiny(2).WithCheckpoints(checkpoints.Path).WithOutputDirectory(resumedOutput.Path)
            .Train(new CancelAt(epoch: 2, batch: 3, cancellation), cancellation.Token).Dispose();
        interrupted.Should().Throw<OperationCanceledException>();

        // Cancelled after step 3 of epoch 2 (8 steps an epoch): the last full checkpoint is epoch 1's, the interrupted one holds 3 more steps.
        Directory.GetFiles(checkpoints.Path).Select(Path.GetFileName).Should().BeEquivalentTo("checkpoint_epoch_001.dcgan-ckpt", "checkpoint_epoch_001_step_000003.dcgan-ckpt");
        string checkpoint = Path.Combine(checkpoints.Path, "checkpoint_epoch_001_step_000003.dcgan-ckpt");
        using (Dcgan.Models.Generator saved = Dcgan.Persistence.CheckpointFile.LoadGenerator(checkpoint))
            saved.Training!.Steps.Should().Be(11);
        using TrainingResult resumed = Tiny(2).WithResumeFrom(checkpoint).WithOutputDirectory(resumedOutput.Path).Train();

        ModelAssertions.SameWeights(straight.Generator, resumed.Generator).Should().BeTrue();
        resumed.History.Should().BeEquivalentTo(straight.History, o => o.Excluding(e => e.ImagesPerSecond).Excluding(e => e.Duration));
        File.ReadAllBytes(Path.Combine(resumedOutput.Path, "samples", "epoch_002.png"))
            .Should().Equal(File.ReadAllBytes(Path.Combine(straightOutput.Path, "samples", "epoch_002.png")));
    }

    [Fact]
    public void Resume_OneEpochThenOneMore_IsBitIdenticalToTwoEpochsStraight()
    {
        using var checkpoints = TestData.CreateTemporaryDirectory();
        using var straightOutput = TestData.CreateTemporaryDirectory();
        using var resumedOutput = TestData.CreateTemporaryDirectory();

        using TrainingResult straight = Tiny(2).WithOutputDirectory(straightOutput.Path).Train();
        using (Tiny(1).WithCheckpoints(checkpoints.Path).WithOutputDirectory(resumedOutput.Path).Train())
        {
        }
        string checkpoint = Path.Combine(checkpoints.Path, "checkpoint_epoch_001.dcgan-ckpt");
        using TrainingResult resumed = Tiny(2).WithResumeFrom(checkpoint).WithOutputDirectory(resumedOutput.Path).Train();

        ModelAssertions.SameWeights(straight.Generator, resumed.Generator).Should().BeTrue();
        using var straightD = Dcgan.Persistence.DiscriminatorFile.Load(Path.Combine(straightOutput.Path, "discriminator.dcgan"));
        using var resumedD = Dcgan.Persistence.DiscriminatorFile.Load(Path.Combine(resumedOutput.Path, "discriminator.dcgan"));
        ModelAssertions.SameWeights(straightD, resumedD).Should().BeTrue();
        resumed.History.Should().BeEquivalentTo(straight.History, o => o.Excluding(e => e.ImagesPerSecond).Excluding(e => e.Duration));
        File.ReadAllBytes(Path.Combine(resumedOutput.Path, "samples", "epoch_002.png"))
            .Should().Equal(File.ReadAllBytes(Path.Combine(straightOutput.Path, "samples", "epoch_002.png")));
        resumed.Generator.Training!.Epochs.Should().Be(2);
    }

    [Fact]
    public void Checkpoints_KeepOnlyTheNewest()
    {
        using var checkpoints = TestData.CreateTemporaryDirectory();

        using (Tiny(3).WithCheckpoints(checkpoints.Path, everyEpochs: 1, keep: 2).Train())
        {
        }

        Directory.GetFiles(checkpoints.Path).Select(Path.GetFileName).Should()
            .BeEquivalentTo(["checkpoint_epoch_002.dcgan-ckpt", "checkpoint_epoch_003.dcgan-ckpt"]);
    }

    [Fact]
    public void Resume_FromMissingOrCorruptFile_IsReportedByBuild()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string corrupt = Path.Combine(directory.Path, "bad.dcgan-ckpt");
        File.WriteAllText(corrupt, "not a checkpoint at all");

        ((Action)(() => Tiny(2).WithResumeFrom(Path.Combine(directory.Path, "missing.dcgan-ckpt")).Build()))
            .Should().Throw<DcganValidationException>().WithMessage("*ResumeFrom*missing.dcgan-ckpt*does not exist*");
        ((Action)(() => Tiny(2).WithResumeFrom(corrupt).Build()))
            .Should().Throw<DcganValidationException>().WithMessage("*ResumeFrom*bad.dcgan-ckpt*");
    }

    [Fact]
    public void Resume_WithFewerEpochsThanDone_IsReported()
    {
        using var checkpoints = TestData.CreateTemporaryDirectory();
        using (Tiny(2).WithCheckpoints(checkpoints.Path).Train())
        {
        }

        Action act = () => Tiny(1).WithResumeFrom(Path.Combine(checkpoints.Path, "checkpoint_epoch_002.dcgan-ckpt")).Build();

        act.Should().Throw<DcganValidationException>().WithMessage("*Epochs is 1*already trained 2*");
    }

    [Fact]
    public void Resume_WithAGeneratorAverage_IsBitIdenticalAndSavesTheAverage()
    {
        using var checkpoints = TestData.CreateTemporaryDirectory();
        using var straightCheckpoints = TestData.CreateTemporaryDirectory();

        using TrainingResult straight = Tiny(2).WithGeneratorAverage(0.9).WithCheckpoints(straightCheckpoints.Path).Train();
        using (Tiny(1).WithGeneratorAverage(0.9).WithCheckpoints(checkpoints.Path).Train())
        {
        }
        using TrainingResult resumed = Tiny(2).WithResumeFrom(Path.Combine(checkpoints.Path, "checkpoint_epoch_001.dcgan-ckpt")).Train();
        using TrainingResult raw = Tiny(2).WithGeneratorAverage(null).Train();

        ModelAssertions.SameWeights(straight.Generator, resumed.Generator).Should().BeTrue("the average is restored from the checkpoint");
        ModelAssertions.SameWeights(straight.Generator, raw.Generator).Should().BeFalse("the result holds the average, not the last step's weights");
        using var exported = Dcgan.Persistence.CheckpointFile.LoadGenerator(Path.Combine(straightCheckpoints.Path, "checkpoint_epoch_002.dcgan-ckpt"));
        ModelAssertions.SameWeights(exported, straight.Generator).Should().BeTrue("a checkpoint exports the average");
        straight.History.Should().BeEquivalentTo(raw.History, o => o.Excluding(e => e.ImagesPerSecond).Excluding(e => e.Duration),
            "averaging never feeds back into training");
    }

    [Fact]
    public void Resume_WithLabelSmoothingMinibatchFeaturesPackingClassesAndGeneratorSteps_RestoresThemAndIsBitIdentical()
    {
        using var checkpoints = TestData.CreateTemporaryDirectory();
        static DcganBuilder Tuned(int epochs) => Tiny(epochs).WithLabelSmoothing(0.2).WithMinibatchStdDev().WithMinibatchDiscrimination(8, 3).WithDiscriminatorPacking(2).WithClassConditioning().WithGeneratorSteps(2);

        using TrainingResult straight = Tuned(2).Train();
        using (Tuned(1).WithCheckpoints(checkpoints.Path).Train())
        {
        }
        // Resumed with the plain builder: the checkpoint alone must bring back every setting.
        using TrainingResult resumed = Tiny(2).WithResumeFrom(Path.Combine(checkpoints.Path, "checkpoint_epoch_001.dcgan-ckpt")).Train();
        using TrainingResult plain = Tiny(2).WithMinibatchStdDev().WithMinibatchDiscrimination(8, 3).WithDiscriminatorPacking(2).WithClassConditioning().Train();

        using (AdversarialTrainer restored = Tiny(2).WithResumeFrom(Path.Combine(checkpoints.Path, "checkpoint_epoch_001.dcgan-ckpt")).Build())
        {
            restored.Options.Architecture.Discriminator.Pieces.Should().Equal([new MinibatchStdDevPiece(), new MinibatchDiscriminationPiece { Kernels = 8, KernelDimensions = 3 }], "the plain builder's default is 50 kernels of 5");
            restored.Options.Architecture.Discriminator.Packing.Should().Be(2);
            restored.Options.Optimization.GeneratorStepsPerBatch.Should().Be(2);
        }
        resumed.Generator.Shape.ClassNames.Should().Equal(EmojiSubsetSource.ClassNames);
        ModelAssertions.SameWeights(straight.Generator, resumed.Generator).Should().BeTrue();
        ModelAssertions.SameWeights(straight.Generator, plain.Generator).Should().BeFalse("smoothing changes what the generator learns from");
    }
}
