using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Dcgan.Training.Losses;

/// <summary>
/// The loss of Goodfellow et al. (2014) with the non-saturating generator loss, as in Radford et al. and the
/// PyTorch DCGAN example: binary cross-entropy on logits, real images towards 1 (or <c>1 - LabelSmoothing</c>),
/// detached fakes towards 0; the generator pushes its images towards 1. The default loss.
/// </summary>
public sealed record NonSaturatingLoss : AdversarialLoss
{
    /// <summary>
    /// One-sided label smoothing (Salimans et al., 2016): the discriminator learns real images towards
    /// <c>1 - LabelSmoothing</c> instead of 1, which keeps it from becoming over-confident. Fakes stay at 0.
    /// </summary>
    /// <value>Default 0 (no smoothing); in [0, 0.5).</value>
    public double LabelSmoothing { get; init; }

    /// <inheritdoc />
    public override bool ScoresAreProbabilities => true;

    /// <inheritdoc />
    /// <value>0.05: the two cross-entropies are then near zero, so the generator's gradient vanishes.</value>
    public override double? DiscriminatorWinsBelow => 0.05;

    /// <inheritdoc />
    /// <value>10: D(G(z)) is then below e^-10.</value>
    public override double? GeneratorExplodesAbove => 10.0;

    /// <inheritdoc />
    public override IReadOnlyList<string> Validate() =>
        double.IsFinite(LabelSmoothing) && LabelSmoothing >= 0 && LabelSmoothing < 0.5
            ? []
            : [$"{nameof(LabelSmoothing)} must be in [0, 0.5), but was {LabelSmoothing}."];

    internal override Tensor DiscriminatorLoss(CriticBatch batch) =>
        binary_cross_entropy_with_logits(batch.RealScores, full_like(batch.RealScores, 1.0 - LabelSmoothing))
        + binary_cross_entropy_with_logits(batch.FakeScores, zeros_like(batch.FakeScores));

    internal override Tensor GeneratorLoss(Tensor fakeScores) => binary_cross_entropy_with_logits(fakeScores, ones_like(fakeScores));
}
