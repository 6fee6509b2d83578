using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Dcgan.Training.Losses;

/// <summary>
/// The hinge loss (Lim and Ye, 2017; Miyato et al., 2018): the discriminator minimises
/// <c>mean(relu(1 - D(x))) + mean(relu(1 + D(G(z))))</c>, so it stops pushing a score once it is past its margin;
/// the generator minimises <c>-mean(D(G(z)))</c>. Scores are raw, not probabilities.
/// </summary>
public sealed record HingeLoss : AdversarialLoss
{
    /// <inheritdoc />
    /// <value>0.05: nearly every image is then past its margin.</value>
    public override double? DiscriminatorWinsBelow => 0.05;

    /// <inheritdoc />
    /// <value>10: generated images are then scored ten times past the fake margin.</value>
    public override double? GeneratorExplodesAbove => 10.0;

    internal override Tensor DiscriminatorLoss(CriticBatch batch) =>
        relu(batch.RealScores.neg().add(1.0)).mean() + relu(batch.FakeScores.add(1.0)).mean();

    internal override Tensor GeneratorLoss(Tensor fakeScores) => fakeScores.mean().neg();
}
