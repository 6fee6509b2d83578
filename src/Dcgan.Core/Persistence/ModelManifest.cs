using Dcgan.Models;

namespace Dcgan.Persistence;

/// <summary>The JSON manifest at the head of a model file.</summary>
/// <param name="Kind">"Generator" or "Discriminator".</param>
/// <param name="Architecture">The shape needed to rebuild the network.</param>
internal sealed record ModelManifest(string Kind, DcganArchitecture Architecture);
