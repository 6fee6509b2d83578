namespace Dcgan.Training;

/// <summary>The means of one epoch's metrics.</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="DiscriminatorLoss">Mean discriminator loss (BCE on real plus BCE on fake).</param>
/// <param name="GeneratorLoss">Mean non-saturating generator loss.</param>
/// <param name="RealScore">Mean D(x).</param>
/// <param name="FakeScore">Mean D(G(z)) before the discriminator's update.</param>
/// <param name="DiscriminatorAccuracy">Fraction of real and fake images the discriminator classified correctly (logit sign), before its update.</param>
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
