namespace Dcgan.Persistence;

/// <summary>What a safetensors file holds: its string metadata and its tensors by name.</summary>
internal sealed record SafetensorsContent(IReadOnlyDictionary<string, string> Metadata, IReadOnlyDictionary<string, SafetensorsEntry> Tensors);

/// <summary>One tensor of a safetensors file, still as raw little-endian bytes.</summary>
internal sealed record SafetensorsEntry(string Name, string Dtype, long[] Shape, ReadOnlyMemory<byte> Data);
