namespace Dcgan.Training;

/// <summary>The means of one epoch's metrics.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="DiscriminatorLoss">Mean discriminator loss, as the run's <see cref="Losses.AdversarialLoss"/> defines it (the last critic step of each generator step).</param>
/// <param name="GeneratorLoss">Mean generator loss, as the run's loss defines it.</param>
/// <param name="RealScore">Mean D(x): a probability, or a raw score where the loss has none (<see cref="Losses.AdversarialLoss.ScoresAreProbabilities"/>).</param>
/// <param name="FakeScore">Mean D(G(z)) before the discriminator's update.</param>
/// <param name="DiscriminatorAccuracy">Fraction of real and fake images the discriminator classified correctly (logit sign, or the midpoint of the two mean scores for a critic), before its update.</param>
/// <param name="ImagesPerSecond">Training throughput.</param>
/// <param name="Duration">Wall time of the epoch, without sample writing.</param>
public sealed record EpochSummary(
    int Epoch,
    double DiscriminatorLoss,
    double GeneratorLoss,
    double RealScore,
    double FakeScore,
    double DiscriminatorAccuracy,
    double ImagesPerSecond,
    TimeSpan Duration);
