using Dcgan.Models.DiscriminatorPieces;

namespace Dcgan.Models;

/// <summary>
/// The discriminator's own part of a <see cref="DcganArchitecture"/>: its width, whether it normalises, how many images
/// it judges together, and the <see cref="DiscriminatorPiece"/>s inserted before its last layer.
/// </summary>
/// <remarks>
/// The default is the tuned discriminator (a minibatch standard-deviation channel, then minibatch discrimination with 50
/// kernels of 5 dimensions; <c>docs/tuning.md</c>); <see cref="Plain"/> is Radford et al.'s, without pieces.
/// </remarks>
public sealed record DiscriminatorArchitecture
{
    /// <summary>The largest <see cref="Packing"/> accepted.</summary>
    public const int MaxPacking = 8;

    /// <summary>Radford et al.'s discriminator: no pieces, batch norm, one image per logit.</summary>
    public static DiscriminatorArchitecture Plain { get; } = new() { Pieces = [] };

    /// <summary>Width of the discriminator's first layer; each later layer doubles it.</summary>
    /// <value>Default 64 (the PyTorch DCGAN example's <c>ndf</c>).</value>
    public int FeatureMaps { get; init; } = 64;

    /// <summary>
    /// Whether the hidden convolutions are followed by batch norm, as in Radford et al. A critic trained with a gradient
    /// penalty has none (see <see cref="Training.Losses.AdversarialLoss.AllowsBatchNorm"/>): its layers are then
    /// convolution and LeakyReLU only, so its state-dict keys shift.
    /// </summary>
    /// <value>Default true.</value>
    public bool BatchNorm { get; init; } = true;

    /// <summary>
    /// How many images the discriminator judges together (PacGAN, Lin et al., 2018): it sees packs of this many images
    /// stacked along the channels and gives one logit per pack. A generator that under-produces some kinds of image is
    /// easier to catch in packs, because a pack shows the mix. 1 is the plain discriminator.
    /// </summary>
    /// <value>Default 1 (one image per logit).</value>
    public int Packing { get; init; } = 1;

    /// <summary>The pieces inserted, in this order, between the strided convolutions and the last layer.</summary>
    /// <value>Default a <see cref="MinibatchStdDevPiece"/> then a <see cref="MinibatchDiscriminationPiece"/> (tuned).</value>
    public IReadOnlyList<DiscriminatorPiece> Pieces { get; init; } = [new MinibatchStdDevPiece(), new MinibatchDiscriminationPiece()];

    /// <summary>Lists every problem with this part; empty when it is valid.</summary>
    /// <returns>One message per invalid property, naming it, its value and what was expected.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (FeatureMaps <= 0)
            errors.Add($"Discriminator.{nameof(FeatureMaps)} must be positive, but was {FeatureMaps}.");
        if (Packing is < 1 or > MaxPacking)
            errors.Add($"Discriminator.{nameof(Packing)} must be from 1 to {MaxPacking}, but was {Packing}.");
        if (Pieces is null)
            errors.Add($"Discriminator.{nameof(Pieces)} must not be null; use an empty list for none.");
        else
        {
            for (int i = 0; i < Pieces.Count; i++)
            {
                if (Pieces[i] is null)
                    errors.Add($"Discriminator.{nameof(Pieces)}[{i}] must not be null.");
                else
                    errors.AddRange(Pieces[i].Validate().Select(e => $"Discriminator.{nameof(Pieces)}[{i}] ({Pieces[i].Name}): {e}"));
            }
        }
        return errors;
    }

    /// <summary>Value equality over every property, comparing <see cref="Pieces"/> piece by piece.</summary>
    /// <param name="other">The part to compare with.</param>
    /// <returns>True when both describe the same discriminator.</returns>
    public bool Equals(DiscriminatorArchitecture? other) =>
        other is not null && FeatureMaps == other.FeatureMaps && BatchNorm == other.BatchNorm && Packing == other.Packing
        && (Pieces ?? []).SequenceEqual(other.Pieces ?? []);

    /// <summary>A hash consistent with <see cref="Equals(DiscriminatorArchitecture?)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(FeatureMaps, BatchNorm, Packing, Pieces?.Count ?? -1);
}
