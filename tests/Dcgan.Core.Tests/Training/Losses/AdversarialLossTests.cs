using Dcgan.Training.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Dcgan.Core.Tests.Training.Losses;

public sealed class AdversarialLossTests
{
    private static CriticBatch Batch(float[] real, float[] fake, Func<Tensor, Tensor>? score = null) =>
        new(zeros(real.Length, 1, 2, 2), zeros(fake.Length, 1, 2, 2), tensor(real), tensor(fake), score ?? (x => x.sum([1, 2, 3])), new torch.Generator(1));

    [Fact]
    public void NonSaturating_IsBinaryCrossEntropyWithSmoothedRealTargets()
    {
        using var scope = NewDisposeScope();
        var loss = new NonSaturatingLoss { LabelSmoothing = 0.2 };

        double value = loss.DiscriminatorLoss(Batch([2f], [-1f])).item<float>();
        double generator = loss.GeneratorLoss(tensor(new[] { -1f })).item<float>();

        // BCE(x, t) = -(t log s(x) + (1 - t) log(1 - s(x))), with s the sigmoid.
        static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
        double expected = -(0.8 * Math.Log(Sigmoid(2)) + 0.2 * Math.Log(1 - Sigmoid(2))) - Math.Log(1 - Sigmoid(-1));
        value.Should().BeApproximately(expected, 1e-6);
        generator.Should().BeApproximately(-Math.Log(Sigmoid(-1)), 1e-6);
    }

    [Fact]
    public void Hinge_StopsPushingScoresPastTheirMargin()
    {
        using var scope = NewDisposeScope();
        var loss = new HingeLoss();

        // Real: 2 is past the margin (0), 0.5 is not (0.5); fake: -2 is past it (0), 0 is not (1).
        loss.DiscriminatorLoss(Batch([2f, 0.5f], [-2f, 0f])).item<float>().Should().BeApproximately(0.25f + 0.5f, 1e-6f);
        loss.GeneratorLoss(tensor(new[] { -2f, 0f })).item<float>().Should().BeApproximately(1f, 1e-6f);
    }

    [Fact]
    public void WassersteinGradientPenalty_PenalisesTheCriticsGradientNormAwayFromOne()
    {
        using var scope = NewDisposeScope();
        // A linear critic D(x) = 1.5 * sum(x) over 4 pixels has gradient norm 1.5 * 2 = 3 everywhere: penalty 10 * (3 - 1)^2.
        var loss = new WassersteinGradientPenaltyLoss();
        CriticBatch batch = Batch([3f, 1f], [0f, 2f], x => x.sum([1, 2, 3]).mul(1.5));

        double value = loss.DiscriminatorLoss(batch).item<float>();

        value.Should().BeApproximately((1.0 - 2.0) + 10 * 4, 1e-4);
        (loss with { PenaltyWeight = 0 }).DiscriminatorLoss(batch).item<float>().Should().BeApproximately(-1f, 1e-6f);
        loss.GeneratorLoss(tensor(new[] { 0f, 2f })).item<float>().Should().BeApproximately(-1f, 1e-6f);
    }

    [Fact]
    public void WassersteinGradientPenalty_ReachesTheCriticsWeightsThroughThePenalty()
    {
        using var scope = NewDisposeScope();
        var weight = tensor(new[] { 3f }).requires_grad_(true);
        var loss = new WassersteinGradientPenaltyLoss();
        // Equal real and fake scores: only the penalty, 10 * (2w - 1)^2 with w = 3, has a gradient: 40 * (2w - 1) = 200.
        CriticBatch batch = Batch([0f], [0f], x => x.sum([1, 2, 3]).mul(weight));

        loss.DiscriminatorLoss(batch).backward();

        weight.grad!.item<float>().Should().BeApproximately(200f, 1e-3f);
    }

    [Fact]
    public void Accuracy_OfACritic_IsJudgedAgainstTheMidpointOfItsMeans()
    {
        using var scope = NewDisposeScope();
        Tensor real = tensor(new[] { 10f, 12f }), fake = tensor(new[] { 8f, 11.5f });

        // Midpoint 10.375: real 12 and fake 8 are on their sides, real 10 and fake 11.5 are not.
        new WassersteinGradientPenaltyLoss().Accuracy(real, fake).item<float>().Should().Be(0.5f);
        new HingeLoss().Accuracy(real, fake).item<float>().Should().Be(0.5f, "every score is positive, so only the real ones count");
    }

    [Fact]
    public void Names_RoundTripThroughFromName_AndAnUnknownNameListsThem()
    {
        AdversarialLoss.Names.Should().Equal("non-saturating", "hinge", "wgan-gp");
        foreach (string name in AdversarialLoss.Names)
            AdversarialLoss.FromName(name).Name.Should().Be(name);
        new NonSaturatingLoss().Should().Be(AdversarialLoss.FromName("non-saturating"));

        Action act = () => AdversarialLoss.FromName("least-squares");

        act.Should().Throw<ArgumentException>().WithMessage("*least-squares*non-saturating, hinge, wgan-gp*");
    }

    [Fact]
    public void Validate_NamesEachBadSetting()
    {
        new WassersteinGradientPenaltyLoss { PenaltyWeight = double.NaN, CriticSteps = 0 }.Validate().Should()
            .HaveCount(2).And.Contain(e => e.Contains("PenaltyWeight")).And.Contain(e => e.Contains("CriticSteps") && e.Contains("1 to 100"));
        new NonSaturatingLoss { LabelSmoothing = 0.5 }.Validate().Should().ContainSingle().Which.Should().Contain("[0, 0.5)");
        new HingeLoss().Validate().Should().BeEmpty();
    }
}
