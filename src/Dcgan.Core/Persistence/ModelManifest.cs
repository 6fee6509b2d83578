using Dcgan.Models;

namespace Dcgan.Persistence;

/// <summary>What a model file says about itself, beside the weights: the shared shape and the part of the network it holds.</summary>
/// <param name="Shape">The shape shared by both networks.</param>
/// <param name="Generator">The generator part; in a generator file (and in every file before version 3).</param>
/// <param name="Discriminator">The discriminator part; in a discriminator file (and in every file before version 3).</param>
/// <param name="Training">How it was trained, when known.</param>
internal sealed record ModelManifest(ImageShape Shape, GeneratorArchitecture? Generator, DiscriminatorArchitecture? Discriminator, TrainingSummary? Training)
{
    public IReadOnlyList<string> Validate() => [.. Shape.Validate(), .. Generator?.Validate() ?? [], .. Discriminator?.Validate() ?? []];
}
