using Dcgan.Training;

namespace Dcgan.Core.Tests.Training;

public sealed class GeneratorStepsTests
{
    [Fact]
    public void Train_WithTwoGeneratorSteps_IsReproducibleAndTrainsTheGeneratorDifferently()
    {
        using TrainingResult twice = TinyTraining.Builder(1).WithGeneratorSteps(2).Train();
        using TrainingResult again = TinyTraining.Builder(1).WithGeneratorSteps(2).Train();
        using TrainingResult once = TinyTraining.Builder(1).WithGeneratorSteps(1).Train();

        ModelAssertions.SameWeights(twice.Generator, again.Generator).Should().BeTrue();
        ModelAssertions.SameWeights(twice.Generator, once.Generator).Should().BeFalse("the second step on fresh noise moves the generator again");
        double generatorLoss = twice.History.Should().ContainSingle().Which.GeneratorLoss;
        double.IsFinite(generatorLoss).Should().BeTrue();
        generatorLoss.Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(OptimizationOptions.MaxGeneratorStepsPerBatch + 1)]
    public void Build_WithGeneratorStepsOutOfRange_NamesTheSettingAndValue(int steps)
    {
        Action build = () => TinyTraining.Builder(1).WithGeneratorSteps(steps).Build();

        build.Should().Throw<DcganValidationException>().Which.Errors.Should().ContainSingle()
            .Which.Should().Contain(nameof(OptimizationOptions.GeneratorStepsPerBatch)).And.Contain($"was {steps}");
    }
}
