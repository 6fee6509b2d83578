using Dcgan.Persistence;
using Dcgan.Training;
using Dcgan.Tests;
using TorchSharp;

namespace Dcgan.Core.Tests.Training;

/// <summary>Bit-identity comparisons, so in the checkpoint tests' collection (see <see cref="CheckpointCollection"/>).</summary>
[Collection(nameof(CheckpointTests))]
public sealed class PrecisionTests
{
    [Fact]
    public void Train_InBFloat16_IsReproducibleDiffersFromFloat32AndSavesFloat32Weights()
    {
        using var output = TestData.CreateTemporaryDirectory();

        using TrainingResult mixed = TinyTraining.Builder(1).WithPrecision(TrainingPrecision.BFloat16).WithOutputDirectory(output.Path).Train();
        using TrainingResult again = TinyTraining.Builder(1).WithPrecision(TrainingPrecision.BFloat16).Train();
        using TrainingResult single = TinyTraining.Builder(1).Train();

        ModelAssertions.SameWeights(mixed.Generator, again.Generator).Should().BeTrue();
        ModelAssertions.SameWeights(mixed.Generator, single.Generator).Should().BeFalse("bfloat16 passes round differently");
        mixed.Generator.parameters().Should().OnlyContain(p => p.dtype == torch.ScalarType.Float32);
        EpochSummary epoch = mixed.History.Should().ContainSingle().Subject;
        double.IsFinite(epoch.DiscriminatorLoss).Should().BeTrue();
        double.IsFinite(epoch.GeneratorLoss).Should().BeTrue();
        // The float32 run's losses after the same steps: bfloat16 changes the rounding, not the game.
        epoch.GeneratorLoss.Should().BeApproximately(single.History[0].GeneratorLoss, 0.5);
        using var saved = GeneratorFile.Load(Path.Combine(output.Path, "generator.dcgan"));
        ModelAssertions.SameWeights(saved, mixed.Generator).Should().BeTrue();
    }

    [Fact]
    public void Resume_InBFloat16_IsBitIdenticalToAStraightRun()
    {
        using var checkpoints = TestData.CreateTemporaryDirectory();
        using TrainingResult straight = TinyTraining.Builder(2).WithPrecision(TrainingPrecision.BFloat16).WithCheckpoints(checkpoints.Path).Train();

        using TrainingResult resumed = TinyTraining.Builder(2).WithPrecision(TrainingPrecision.BFloat16)
            .WithResumeFrom(Path.Combine(checkpoints.Path, "checkpoint_epoch_001.dcgan-ckpt")).Train();

        ModelAssertions.SameWeights(resumed.Generator, straight.Generator).Should().BeTrue();
    }

    [Fact]
    public void Build_WithAnUnknownPrecision_NamesTheSettingAndValue()
    {
        Action build = () => TinyTraining.Builder(1).WithPrecision((TrainingPrecision)7).Build();

        build.Should().Throw<DcganValidationException>().Which.Errors.Should().ContainSingle()
            .Which.Should().Contain(nameof(RuntimeOptions.Precision)).And.Contain("was 7");
    }
}
