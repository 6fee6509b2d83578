namespace Dcgan.Models;

/// <summary>
/// The two networks of a DCGAN: the <see cref="ImageShape"/> they share, the <see cref="GeneratorArchitecture"/> and the
/// <see cref="DiscriminatorArchitecture"/>. Each network is derived from the shape and its own part, layer by layer.
/// </summary>
/// <remarks>
/// <c>new DcganArchitecture()</c> is the tuned default (the discriminator with its pieces; <c>docs/tuning.md</c>);
/// <see cref="Plain"/> is Radford et al.'s DCGAN. A generator file records the shape and the generator part only.
/// </remarks>
public sealed record DcganArchitecture
{
    /// <summary>Radford et al.'s DCGAN, as in the PyTorch example: the default shape and generator, <see cref="DiscriminatorArchitecture.Plain"/>.</summary>
    public static DcganArchitecture Plain { get; } = new() { Discriminator = DiscriminatorArchitecture.Plain };

    /// <summary>What both networks share: latent size, image size, channels, classes.</summary>
    /// <value>Default latent 100, 28 pixels, 1 channel, unconditional.</value>
    public ImageShape Shape { get; init; } = new();

    /// <summary>The generator's own part.</summary>
    /// <value>Default 64 feature maps.</value>
    public GeneratorArchitecture Generator { get; init; } = new();

    /// <summary>The discriminator's own part.</summary>
    /// <value>Default the tuned discriminator (see <see cref="DiscriminatorArchitecture"/>).</value>
    public DiscriminatorArchitecture Discriminator { get; init; } = new();

    /// <summary>Lists every problem with the shape and both parts; empty when all are valid.</summary>
    /// <returns>One message per invalid property, naming it, its value and what was expected.</returns>
    public IReadOnlyList<string> Validate()
    {
        if (Shape is null || Generator is null || Discriminator is null)
            return [$"{nameof(Shape)}, {nameof(Generator)} and {nameof(Discriminator)} must not be null."];
        return [.. Shape.Validate(), .. Generator.Validate(), .. Discriminator.Validate()];
    }

    /// <summary>Throws when <paramref name="errors"/> is not empty.</summary>
    /// <exception cref="ArgumentException">The message lists every problem.</exception>
    internal static void ThrowIfInvalid(IReadOnlyList<string> errors)
    {
        if (errors.Count > 0)
            throw new ArgumentException("Invalid DCGAN architecture: " + string.Join(" ", errors));
    }
}
