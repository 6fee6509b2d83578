using TorchSharp;
using static TorchSharp.torch;

namespace Dcgan.Training.Losses;

/// <summary>
/// WGAN-GP (Gulrajani et al., 2017): the critic minimises <c>mean(D(G(z))) - mean(D(x))</c> plus
/// <see cref="PenaltyWeight"/> times <c>mean((|grad D(x_hat)| - 1)^2)</c> at random points <c>x_hat</c> between real
/// and generated images; the generator minimises <c>-mean(D(G(z)))</c>. The critic takes
/// <see cref="CriticSteps"/> steps, each on its own real batch, per generator step, and has no batch norm.
/// </summary>
/// <remarks>
/// The paper's optimiser is Adam with learning rate 1e-4 and betas (0, 0.9), which the library's defaults are not;
/// <c>docs/tuning.md</c> has the measured settings. Scores are raw: the reported accuracy counts real scores above,
/// and fake scores below, the midpoint of the batch's two means, since a critic's scores have no fixed zero.
/// </remarks>
public sealed record WassersteinGradientPenaltyLoss : AdversarialLoss
{
    /// <summary>The largest <see cref="CriticSteps"/> accepted.</summary>
    public const int MaxCriticSteps = 100;

    /// <summary>The weight of the gradient penalty (the paper's lambda).</summary>
    /// <value>Default 10.</value>
    public double PenaltyWeight { get; init; } = 10.0;

    /// <summary>Critic steps per generator step (the paper's n_critic).</summary>
    /// <value>Default 5.</value>
    public int CriticSteps { get; init; } = 5;

    /// <inheritdoc />
    public override int CriticStepsPerGeneratorStep => CriticSteps;

    /// <inheritdoc />
    public override bool AllowsBatchNorm => false;

    /// <inheritdoc />
    public override IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!double.IsFinite(PenaltyWeight) || PenaltyWeight < 0)
            errors.Add($"{nameof(PenaltyWeight)} must be a finite number of at least 0, but was {PenaltyWeight}.");
        if (CriticSteps is < 1 or > MaxCriticSteps)
            errors.Add($"{nameof(CriticSteps)} must be from 1 to {MaxCriticSteps}, but was {CriticSteps}.");
        return errors;
    }

    internal override Tensor DiscriminatorLoss(CriticBatch batch)
    {
        Tensor wasserstein = batch.FakeScores.mean() - batch.RealScores.mean();
        if (PenaltyWeight == 0)
            return wasserstein;
        Tensor real = batch.Real, fake = batch.Fake;
        Tensor mix = rand([real.shape[0], 1, 1, 1], generator: batch.Random).to(real.device);
        Tensor between = (mix * real + (1 - mix) * fake).detach().requires_grad_(true);
        Tensor scores = batch.Score(between);
        // create_graph: the penalty is itself differentiated when the critic's loss is.
        Tensor gradient = torch.autograd.grad([scores], [between], [ones_like(scores)], retain_graph: true, create_graph: true)[0];
        // The small constant keeps the square root's gradient finite where a gradient is exactly zero.
        Tensor norms = gradient.flatten(1).square().sum(1).add(1e-12).sqrt();
        return wasserstein + norms.sub(1.0).square().mean().mul(PenaltyWeight);
    }

    internal override Tensor GeneratorLoss(Tensor fakeScores) => fakeScores.mean().neg();

    // A critic's scores have no fixed zero: judge them against the midpoint of the batch's two means.
    private protected override Tensor DecisionBoundary(Tensor realScores, Tensor fakeScores) => realScores.mean().add(fakeScores.mean()).div(2.0);
}
