namespace Dcgan.Persistence;

/// <summary>What a safetensors file holds: its string metadata and its tensors by name.</summary>
internal sealed record SafetensorsContent(IReadOnlyDictionary<string, string> Metadata, IReadOnlyDictionary<string, SafetensorsEntry> Tensors);
