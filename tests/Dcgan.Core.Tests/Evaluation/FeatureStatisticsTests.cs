using Dcgan.Evaluation;
using static TorchSharp.torch;

namespace Dcgan.Core.Tests.Evaluation;

public sealed class FeatureStatisticsTests
{
    private static Tensor Features()
    {
        using var random = new TorchSharp.torch.Generator(3);
        return randn([500, 6], dtype: ScalarType.Float64, generator: random).matmul(randn([6, 6], dtype: ScalarType.Float64, generator: random));
    }

    [Fact]
    public void FrechetDistance_OfASetToItself_IsZero()
    {
        using Tensor features = Features();
        using FeatureStatistics a = FeatureStatistics.Of(features);
        using FeatureStatistics b = FeatureStatistics.Of(features);

        a.FrechetDistanceTo(b).Should().BeApproximately(0, 1e-9);
    }

    [Fact]
    public void FrechetDistance_ToAScaledAndShiftedCopy_MatchesTheClosedForm()
    {
        // For y = 2x + 1: S2 = 4 S1, so tr(S1) + tr(S2) - 2 tr((S1 S2)^(1/2)) = tr(S1) + 4 tr(S1) - 4 tr(S1) = tr(S1).
        using Tensor features = Features();
        using Tensor scaled = features * 2 + 1;
        using FeatureStatistics a = FeatureStatistics.Of(features);
        using FeatureStatistics b = FeatureStatistics.Of(scaled);
        using Tensor shift = b.Mean - a.Mean;
        double expected = shift.dot(shift).item<double>() + a.Covariance.trace().item<double>();

        a.FrechetDistanceTo(b).Should().BeApproximately(expected, 1e-6 * expected);
        b.FrechetDistanceTo(a).Should().BeApproximately(expected, 1e-6 * expected);
    }

    [Fact]
    public void Of_FewerThanTwoVectorsOrOtherDimensions_IsRejectedNamingTheShapes()
    {
        using Tensor one = zeros(1, 4);
        using Tensor features = Features();
        using Tensor other = zeros(5, 4);
        using FeatureStatistics six = FeatureStatistics.Of(features);
        using FeatureStatistics four = FeatureStatistics.Of(other);

        Action single = () => FeatureStatistics.Of(one).Dispose();
        Action mismatch = () => six.FrechetDistanceTo(four);

        single.Should().Throw<ArgumentException>().WithMessage("*[1, 4]*");
        mismatch.Should().Throw<ArgumentException>().WithMessage("*6 and 4*");
    }
}
