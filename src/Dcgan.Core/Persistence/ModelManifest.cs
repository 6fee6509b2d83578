using Dcgan.Models;

namespace Dcgan.Persistence;

/// <summary>What a model file says about itself, beside the weights.</summary>
/// <param name="Kind">Which network the file holds.</param>
/// <param name="FormatVersion">The file format version it was written in.</param>
/// <param name="Architecture">The shape needed to rebuild the network.</param>
/// <param name="Training">How it was trained, when known.</param>
internal sealed record ModelManifest(ModelKind Kind, int FormatVersion, DcganArchitecture Architecture, TrainingSummary? Training);
