namespace Dcgan.Persistence;

/// <summary>One tensor of a safetensors file as stored: its name, element type (<c>F32</c>, <c>I64</c>, ...), shape and raw little-endian bytes.</summary>
/// <param name="Name">The tensor's name, for example <c>main.0.weight</c>.</param>
/// <param name="Dtype">The safetensors element type, for example <c>F32</c>.</param>
/// <param name="Shape">The dimensions.</param>
/// <param name="Data">The elements, little-endian, row-major.</param>
public sealed record SafetensorsEntry(string Name, string Dtype, long[] Shape, ReadOnlyMemory<byte> Data);
