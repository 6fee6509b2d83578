using Dcgan.Inference;

namespace Dcgan.Core.Tests.Inference;

public sealed class StandardNormalNoiseTests
{
    [Fact]
    public void Sample_MatchesTheDocumentedAlgorithm_AsPythonComputesIt()
    {
        // Computed by the independent numpy implementation in samples/python/read_generator.py (standard_normal_noise).
        StandardNormalNoise.Sample(1, 6, seed: 0).Should().Equal([0.3713427f, -0.31977263f, -0.17580709f, -0.71455973f, -2.0441694f, -0.28894466f],
            (a, e) => Math.Abs(a - e) < 1e-6f);
        StandardNormalNoise.Sample(1, 3, seed: -1).Should().Equal([0.61694527f, 1.7008256f, 0.05348703f], (a, e) => Math.Abs(a - e) < 1e-6f);
        StandardNormalNoise.Sample(1, 3, seed: (1L << 40) + 5).Should().Equal([-0.27241093f, -0.5190377f, 1.657244f], (a, e) => Math.Abs(a - e) < 1e-6f);
    }

    [Fact]
    public void Sample_IsStandardNormal_DeterministicAndUsesTheWholeSeed()
    {
        float[] values = StandardNormalNoise.Sample(1000, 100, seed: 9);
        double mean = values.Average(v => (double)v);
        double deviation = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));

        mean.Should().BeApproximately(0, 0.01);
        deviation.Should().BeApproximately(1, 0.01);
        values.Count(v => Math.Abs(v) > 3).Should().BeInRange(200, 340, "about 0.27% of a standard normal lies beyond 3");
        StandardNormalNoise.Sample(1000, 100, seed: 9).Should().Equal(values);
        StandardNormalNoise.Sample(1, 8, seed: 5).Should().NotEqual(StandardNormalNoise.Sample(1, 8, seed: 5 + (1L << 32)), "the high 32 bits count");
    }

    [Fact]
    public void Sample_VectorsAreRowsOfOneStream_AndAnOddTotalDropsTheLastSine()
    {
        float[] two = StandardNormalNoise.Sample(2, 5, seed: 3);

        StandardNormalNoise.Sample(1, 10, seed: 3).Should().Equal(two);
        StandardNormalNoise.Sample(1, 5, seed: 3).Should().Equal(two[..5]);
    }

    [Fact]
    public void Sample_NonPositiveSizes_AreRefused()
    {
        Action count = () => StandardNormalNoise.Sample(0, 5, 1);
        Action latent = () => StandardNormalNoise.Sample(5, 0, 1);

        count.Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be("count");
        latent.Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be("latentSize");
    }
}
