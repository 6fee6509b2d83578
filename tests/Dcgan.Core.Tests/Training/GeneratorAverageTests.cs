using Dcgan.Training;

namespace Dcgan.Core.Tests.Training;

public sealed class GeneratorAverageTests
{
    [Theory]
    [InlineData(1, 2.0 / 11)]
    [InlineData(188, 189.0 / 198)] // one epoch of 6,000 images at batch 32
    [InlineData(8990, 8991.0 / 9000)]
    [InlineData(8991, 0.999)]
    [InlineData(1_000_000, 0.999)]
    public void DecayAt_RampsWithTheStepsDoneUpToTheSetDecay(long step, double expected)
    {
        GeneratorAverage.DecayAt(0.999, step).Should().BeApproximately(expected, 1e-12);
    }

    [Fact]
    public void DecayAt_AfterAShortRun_LeavesLittleOfTheInitialWeights()
    {
        // A fixed 0.999 keeps 0.999^188 = 83% of the random initial weights after 188 steps; the ramp keeps under 1%.
        double initialShare = 1.0;
        for (long step = 1; step <= 188; step++)
            initialShare *= GeneratorAverage.DecayAt(0.999, step);

        initialShare.Should().BeLessThan(0.01);
        Math.Pow(0.999, 188).Should().BeGreaterThan(0.8);
    }
}
