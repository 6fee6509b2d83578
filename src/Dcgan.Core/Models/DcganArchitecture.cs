namespace Dcgan.Models;

/// <summary>
/// The shape shared by a <see cref="Generator"/> and its <see cref="Discriminator"/>: latent size, image
/// size, channels and feature-map widths. Both networks are derived from it layer by layer.
/// </summary>
/// <remarks>
/// The generator starts from a <c>7x7</c> map for 28-pixel images and from a <c>4x4</c> map for 32 and 64
/// pixels, then doubles the resolution with stride-2 transposed convolutions. Each doubling halves the
/// width, ending at <see cref="GeneratorFeatureMaps"/> before the output layer; the discriminator mirrors
/// this with stride-2 convolutions, starting at <see cref="DiscriminatorFeatureMaps"/>.
/// </remarks>
public sealed record DcganArchitecture
{
    /// <summary>The image sizes (in pixels, square) the architecture can produce.</summary>
    public static IReadOnlyList<int> SupportedImageSizes { get; } = [28, 32, 64];

    /// <summary>Length of the noise vector the generator takes.</summary>
    /// <value>Default 100, as in Radford et al.</value>
    public int LatentSize { get; init; } = 100;

    /// <summary>Height and width of the images, one of <see cref="SupportedImageSizes"/>.</summary>
    /// <value>Default 28 (MNIST).</value>
    public int ImageSize { get; init; } = 28;

    /// <summary>Colour channels: 1 (grayscale) or 3 (RGB).</summary>
    /// <value>Default 1.</value>
    public int Channels { get; init; } = 1;

    /// <summary>Width of the generator's last hidden layer; deeper layers double it.</summary>
    /// <value>Default 64 (the PyTorch DCGAN example's <c>ngf</c>).</value>
    public int GeneratorFeatureMaps { get; init; } = 64;

    /// <summary>Width of the discriminator's first layer; deeper layers double it.</summary>
    /// <value>Default 64 (the PyTorch DCGAN example's <c>ndf</c>).</value>
    public int DiscriminatorFeatureMaps { get; init; } = 64;

    /// <summary>
    /// Whether the discriminator appends a minibatch standard-deviation channel before its last layer
    /// (see <see cref="Models.MinibatchStdDev"/>).
    /// </summary>
    /// <value>Default false.</value>
    public bool MinibatchStdDev { get; init; }

    /// <summary>
    /// Kernels of the discriminator's minibatch discrimination layer (see <see cref="Models.MinibatchDiscrimination"/>),
    /// placed after the standard-deviation channel and before the last layer; 0 for none.
    /// </summary>
    /// <value>Default 0 (none).</value>
    public int MinibatchDiscriminationKernels { get; init; }

    /// <summary>Dimensions of each minibatch discrimination kernel's projection.</summary>
    /// <value>Default 5 (Salimans et al., 2016).</value>
    public int MinibatchDiscriminationKernelDimensions { get; init; } = 5;

    /// <summary>
    /// Whether the discriminator's hidden convolutions are followed by batch norm, as in Radford et al. A critic
    /// trained with a gradient penalty has none (see <see cref="Training.Losses.AdversarialLoss.AllowsBatchNorm"/>):
    /// its layers are then convolution and LeakyReLU only, so its state-dict keys shift.
    /// </summary>
    /// <value>Default true.</value>
    public bool DiscriminatorBatchNorm { get; init; } = true;

    /// <summary>
    /// How many images the discriminator judges together (PacGAN, Lin et al., 2018): it sees packs of this many
    /// images stacked along the channels and gives one logit per pack. A generator that under-produces some kinds
    /// of image is easier to catch in packs, because a pack shows the mix. 1 is the plain discriminator.
    /// </summary>
    /// <value>Default 1 (one image per logit).</value>
    public int DiscriminatorPacking { get; init; } = 1;

    /// <summary>
    /// The names of the classes a class-conditional pair is trained on, in label order (label <c>i</c> is
    /// <c>ClassNames[i]</c>), or null for an unconditional pair. A conditional generator takes a one-hot label
    /// beside its noise; a conditional discriminator sees it as extra image channels.
    /// </summary>
    /// <value>Default null (unconditional).</value>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>How many classes the pair is conditioned on; 0 when unconditional.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int ClassCount => ClassNames?.Count ?? 0;

    /// <summary>Whether the pair is class-conditional (<see cref="ClassNames"/> is set).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsConditional => ClassNames is not null;

    /// <summary>The largest <see cref="MinibatchDiscriminationKernels"/> and <see cref="MinibatchDiscriminationKernelDimensions"/> accepted.</summary>
    public const int MaxMinibatchDiscrimination = 512;

    /// <summary>The largest <see cref="DiscriminatorPacking"/> accepted.</summary>
    public const int MaxDiscriminatorPacking = 8;

    /// <summary>Side of the first feature map the generator projects the noise to (7 for 28 px, else 4).</summary>
    internal int BaseSize => ImageSize == 28 ? 7 : 4;

    /// <summary>How many stride-2 (de)convolutions separate <see cref="BaseSize"/> from <see cref="ImageSize"/>.</summary>
    internal int Doublings => ImageSize switch { 28 => 2, 32 => 3, 64 => 4, _ => 0 };

    /// <summary>
    /// Lists every problem with this architecture; empty when it is valid.
    /// </summary>
    /// <returns>One message per invalid property, naming the property, its value and what was expected.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (LatentSize <= 0)
            errors.Add($"{nameof(LatentSize)} must be positive, but was {LatentSize}.");
        if (!SupportedImageSizes.Contains(ImageSize))
            errors.Add($"{nameof(ImageSize)} {ImageSize} is not supported; valid sizes are {string.Join(", ", SupportedImageSizes)}.");
        if (Channels is not (1 or 3))
            errors.Add($"{nameof(Channels)} must be 1 (grayscale) or 3 (RGB), but was {Channels}.");
        if (GeneratorFeatureMaps <= 0)
            errors.Add($"{nameof(GeneratorFeatureMaps)} must be positive, but was {GeneratorFeatureMaps}.");
        if (DiscriminatorFeatureMaps <= 0)
            errors.Add($"{nameof(DiscriminatorFeatureMaps)} must be positive, but was {DiscriminatorFeatureMaps}.");
        if (DiscriminatorPacking is < 1 or > MaxDiscriminatorPacking)
            errors.Add($"{nameof(DiscriminatorPacking)} must be from 1 to {MaxDiscriminatorPacking}, but was {DiscriminatorPacking}.");
        if (MinibatchDiscriminationKernels is < 0 or > MaxMinibatchDiscrimination)
            errors.Add($"{nameof(MinibatchDiscriminationKernels)} must be from 0 (none) to {MaxMinibatchDiscrimination}, but was {MinibatchDiscriminationKernels}.");
        if (MinibatchDiscriminationKernelDimensions is < 1 or > MaxMinibatchDiscrimination)
            errors.Add($"{nameof(MinibatchDiscriminationKernelDimensions)} must be from 1 to {MaxMinibatchDiscrimination}, but was {MinibatchDiscriminationKernelDimensions}.");
        if (ClassNames is not null)
        {
            if (ClassNames.Count < 2)
                errors.Add($"{nameof(ClassNames)} must name at least 2 classes for class conditioning, but named {ClassNames.Count}.");
            if (ClassNames.Any(string.IsNullOrWhiteSpace))
                errors.Add($"{nameof(ClassNames)} must not contain empty names.");
            string[] repeated = ClassNames.Where(n => !string.IsNullOrWhiteSpace(n)).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
            if (repeated.Length > 0)
                errors.Add($"{nameof(ClassNames)} must be distinct, but repeats {string.Join(", ", repeated.Select(n => $"'{n}'"))}.");
        }
        return errors;
    }

    /// <summary>Value equality over every property, comparing <see cref="ClassNames"/> name by name.</summary>
    /// <param name="other">The architecture to compare with.</param>
    /// <returns>True when both describe the same networks.</returns>
    public bool Equals(DcganArchitecture? other) =>
        other is not null
        && LatentSize == other.LatentSize && ImageSize == other.ImageSize && Channels == other.Channels
        && GeneratorFeatureMaps == other.GeneratorFeatureMaps && DiscriminatorFeatureMaps == other.DiscriminatorFeatureMaps
        && MinibatchStdDev == other.MinibatchStdDev && DiscriminatorBatchNorm == other.DiscriminatorBatchNorm && DiscriminatorPacking == other.DiscriminatorPacking
        && MinibatchDiscriminationKernels == other.MinibatchDiscriminationKernels
        && MinibatchDiscriminationKernelDimensions == other.MinibatchDiscriminationKernelDimensions
        && (ClassNames ?? []).SequenceEqual(other.ClassNames ?? []) && IsConditional == other.IsConditional;

    /// <summary>A hash consistent with <see cref="Equals(DcganArchitecture?)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() =>
        HashCode.Combine(LatentSize, ImageSize, Channels, GeneratorFeatureMaps, DiscriminatorFeatureMaps, MinibatchStdDev, HashCode.Combine(DiscriminatorPacking, ClassCount, MinibatchDiscriminationKernels, MinibatchDiscriminationKernelDimensions, DiscriminatorBatchNorm));

    /// <summary>Throws when <see cref="Validate"/> reports a problem.</summary>
    /// <exception cref="ArgumentException">The architecture is invalid; the message lists every problem.</exception>
    internal void EnsureValid()
    {
        IReadOnlyList<string> errors = Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid DCGAN architecture: " + string.Join(" ", errors));
    }
}
