namespace Dcgan.Models;

/// <summary>One row of a <see cref="ModelSummary"/>.</summary>
/// <param name="Name">The layer's state-dict prefix, such as <c>main.0</c>.</param>
/// <param name="Type">The TorchSharp module type, such as <c>ConvTranspose2d</c>.</param>
/// <param name="OutputShape">The output shape for one input, without the batch dimension.</param>
/// <param name="Parameters">Learnable values in the layer.</param>
public sealed record LayerSummary(string Name, string Type, IReadOnlyList<long> OutputShape, long Parameters);
