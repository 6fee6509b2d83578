using Dcgan.Models;

namespace Dcgan.Persistence;

/// <summary>What a model file says about itself, beside the weights.</summary>
/// <param name="Architecture">The shape needed to rebuild the network.</param>
/// <param name="Training">How it was trained, when known.</param>
internal sealed record ModelManifest(DcganArchitecture Architecture, TrainingSummary? Training);
