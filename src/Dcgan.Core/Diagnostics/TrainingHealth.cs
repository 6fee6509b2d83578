using Dcgan.Training;
using Microsoft.Extensions.Logging;

namespace Dcgan.Diagnostics;

/// <summary>
/// Watches epoch means for the known failure signs of GAN training and logs a warning for each:
/// a discriminator whose loss stays near zero (it wins outright and the generator gets no useful
/// gradient) and a generator loss that explodes. Thresholds are documented in <c>docs/training.md</c>.
/// </summary>
internal sealed class TrainingHealth(ILogger logger)
{
    /// <summary>An epoch whose mean discriminator loss is below this is "near zero".</summary>
    public const double CollapsedDiscriminatorLoss = 0.05;

    /// <summary>An epoch whose mean generator loss is above this has exploded.</summary>
    public const double ExplodingGeneratorLoss = 10.0;

    /// <summary>Or: above this and more than <see cref="GrowthFactor"/> times the previous epoch's.</summary>
    public const double RisingGeneratorLoss = 5.0;

    public const double GrowthFactor = 3.0;

    public void Check(EpochSummary epoch, EpochSummary? previous)
    {
        if (epoch.DiscriminatorLoss < CollapsedDiscriminatorLoss)
            Log.DiscriminatorLossNearZero(logger, epoch.Epoch, epoch.DiscriminatorLoss, CollapsedDiscriminatorLoss);

        bool exploded = epoch.GeneratorLoss > ExplodingGeneratorLoss
            || (previous is not null && epoch.GeneratorLoss > RisingGeneratorLoss && epoch.GeneratorLoss > GrowthFactor * previous.GeneratorLoss);
        if (exploded)
            Log.GeneratorLossExploding(logger, epoch.Epoch, epoch.GeneratorLoss, previous?.GeneratorLoss ?? double.NaN);
    }
}
