using System.Text.Json.Serialization;

namespace Dcgan.Models;

/// <summary>
/// What a <see cref="Generator"/> and its <see cref="Discriminator"/> share: the noise length, the image size and
/// channels, and the classes of a class-conditional pair. Each network adds its own part
/// (<see cref="GeneratorArchitecture"/>, <see cref="DiscriminatorArchitecture"/>).
/// </summary>
/// <remarks>
/// The generator starts from a <c>7x7</c> map for 28-pixel images and from a <c>4x4</c> map for 32 and 64 pixels, then
/// doubles the resolution with stride-2 transposed convolutions; the discriminator mirrors it.
/// </remarks>
public sealed record ImageShape
{
    /// <summary>The image sizes (in pixels, square) the networks can produce; stated here only.</summary>
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

    /// <summary>
    /// The names of the classes a class-conditional pair is trained on, in label order (label <c>i</c> is
    /// <c>ClassNames[i]</c>), or null for an unconditional pair. A conditional generator takes a one-hot label
    /// beside its noise; a conditional discriminator sees it as extra image channels.
    /// </summary>
    /// <value>Default null (unconditional).</value>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>How many classes the pair is conditioned on; 0 when unconditional.</summary>
    [JsonIgnore]
    public int ClassCount => ClassNames?.Count ?? 0;

    /// <summary>Whether the pair is class-conditional (<see cref="ClassNames"/> is set).</summary>
    [JsonIgnore]
    public bool IsConditional => ClassNames is not null;

    /// <summary>Side of the first feature map the generator projects the noise to (7 for 28 px, else 4).</summary>
    internal int BaseSize => ImageSize == 28 ? 7 : 4;

    /// <summary>How many stride-2 (de)convolutions separate <see cref="BaseSize"/> from <see cref="ImageSize"/>.</summary>
    internal int Doublings => ImageSize switch { 28 => 2, 32 => 3, 64 => 4, _ => 0 };

    /// <summary>Lists every problem with this shape; empty when it is valid.</summary>
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
    /// <param name="other">The shape to compare with.</param>
    /// <returns>True when both describe the same shape.</returns>
    public bool Equals(ImageShape? other) =>
        other is not null
        && LatentSize == other.LatentSize && ImageSize == other.ImageSize && Channels == other.Channels
        && IsConditional == other.IsConditional && (ClassNames ?? []).SequenceEqual(other.ClassNames ?? []);

    /// <summary>A hash consistent with <see cref="Equals(ImageShape?)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(LatentSize, ImageSize, Channels, ClassCount);
}
