using Dcgan.Diagnostics;
using Dcgan.Training.Losses;
using Microsoft.Extensions.Logging;

namespace Dcgan.Training;

/// <summary>
/// Watches epoch means for the known failure signs of GAN training and logs a warning for each:
/// a discriminator whose loss stays near the floor its loss defines (it wins outright and the generator gets no useful
/// gradient) and a generator loss that explodes. Thresholds are documented in <c>docs/training.md</c>.
/// </summary>
internal sealed class TrainingHealth(ILogger logger, AdversarialLoss loss)
{
    /// <summary>A generator loss above this share of the loss's explosion level that grew <see cref="GrowthFactor"/>-fold in one epoch is rising too fast.</summary>
    public const double RisingShare = 0.5;

    public const double GrowthFactor = 3.0;

    public void Check(EpochSummary epoch, EpochSummary? previous)
    {
        // A loss without probabilities (WGAN-GP) has no floor or scale to judge by; only non-finite losses stop it.
        if (loss.DiscriminatorWinsBelow is double floor && epoch.DiscriminatorLoss < floor)
            Log.DiscriminatorLossNearZero(logger, epoch.Epoch, epoch.DiscriminatorLoss, floor);

        if (loss.GeneratorExplodesAbove is not double ceiling)
            return;
        bool exploded = epoch.GeneratorLoss > ceiling
            || (previous is not null && epoch.GeneratorLoss > RisingShare * ceiling && epoch.GeneratorLoss > GrowthFactor * previous.GeneratorLoss);
        if (exploded)
            Log.GeneratorLossExploding(logger, epoch.Epoch, epoch.GeneratorLoss, previous?.GeneratorLoss ?? double.NaN);
    }
}
