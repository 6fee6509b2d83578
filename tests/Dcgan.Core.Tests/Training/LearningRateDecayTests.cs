using Dcgan.Training;
using Dcgan.Tests;

namespace Dcgan.Core.Tests.Training;

/// <summary>Bit-identity comparisons, so in the checkpoint tests' collection (see <see cref="CheckpointCollection"/>).</summary>
[Collection(nameof(CheckpointTests))]
public sealed class LearningRateDecayTests
{
    [Fact]
    public void Factor_IsOneBeforeTheWindowThenFallsLinearlyToOneNth()
    {
        var decay = new LearningRateDecay(new OptimizationOptions { LearningRateDecayEpochs = 2 }, epochs: 5, stepsPerEpoch: 10);

        decay.Factor(1).Should().Be(1);
        decay.Factor(30).Should().Be(1);
        decay.Factor(31).Should().Be(1, "the window's first step takes the full rate");
        decay.Factor(32).Should().BeApproximately(19.0 / 20, 1e-12);
        decay.Factor(50).Should().BeApproximately(1.0 / 20, 1e-12, "the last step takes 1/n of the rate, never zero");
        new LearningRateDecay(new OptimizationOptions(), epochs: 5, stepsPerEpoch: 10).Factor(50).Should().Be(1, "0 epochs keeps the rates constant");
    }

    [Fact]
    public void Resume_WithADecayAddedOnResume_IsBitIdenticalToADecayingRunAndDiffersFromConstantRates()
    {
        using var checkpoints = TestData.CreateTemporaryDirectory();

        using TrainingResult decaying = TinyTraining.Builder(2).WithLearningRateDecay(1).Train();
        using TrainingResult constant = TinyTraining.Builder(2).Train();
        using (TinyTraining.Builder(1).WithCheckpoints(checkpoints.Path).Train())
        {
        }
        using TrainingResult annealed = TinyTraining.Builder(2)
            .WithResumeFrom(Path.Combine(checkpoints.Path, "checkpoint_epoch_001.dcgan-ckpt"))
            .WithLearningRateDecay(1)
            .Train();

        ModelAssertions.SameWeights(annealed.Generator, decaying.Generator).Should().BeTrue("the decay over epoch 2 is the same whether set at the start or on resume");
        ModelAssertions.SameWeights(decaying.Generator, constant.Generator).Should().BeFalse("the decayed rates move the weights less");
    }

    [Fact]
    public void Resume_OfADecayingRun_KeepsItsDecayFromTheCheckpoint()
    {
        using var checkpoints = TestData.CreateTemporaryDirectory();
        using TrainingResult straight = TinyTraining.Builder(2).WithLearningRateDecay(2).WithCheckpoints(checkpoints.Path).Train();
        string checkpoint = Path.Combine(checkpoints.Path, "checkpoint_epoch_001.dcgan-ckpt");

        using (AdversarialTrainer trainer = TinyTraining.Builder(2).WithResumeFrom(checkpoint).Build())
            trainer.Options.Optimization.LearningRateDecayEpochs.Should().Be(2);
        using TrainingResult resumed = TinyTraining.Builder(2).WithResumeFrom(checkpoint).Train();

        ModelAssertions.SameWeights(resumed.Generator, straight.Generator).Should().BeTrue();
    }

    [Theory]
    [InlineData(-1, "must be 0 (constant rates) or more, but was -1")]
    [InlineData(3, "must not exceed Epochs 2, but was 3")]
    public void Build_WithADecayOutOfRange_NamesTheSettingAndValue(int epochs, string expected)
    {
        Action build = () => TinyTraining.Builder(2).WithLearningRateDecay(epochs).Build();

        build.Should().Throw<DcganValidationException>().Which.Errors.Should().ContainSingle()
            .Which.Should().Contain(nameof(OptimizationOptions.LearningRateDecayEpochs)).And.Contain(expected);
    }
}
