using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Dcgan.Persistence;

/// <summary>TorchSharp tensors to and from the raw safetensors entries of Dcgan.Abstractions' <see cref="SafetensorsFile"/>.</summary>
internal static class TensorEntries
{
    /// <summary>The safetensors name of <paramref name="type"/> (<c>F32</c>, ...), or null for a type Dcgan files never hold.</summary>
    public static string? DtypeName(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Byte => "U8",
        _ => null,
    };

    public static SafetensorsEntry ToEntry(string name, Tensor tensor)
    {
        using Tensor cpu = tensor.detach().cpu().contiguous();
        string dtype = DtypeName(cpu.dtype) ?? throw new NotSupportedException($"Tensor '{name}' of type {cpu.dtype} cannot be saved.");
        byte[] bytes = cpu.dtype switch
        {
            ScalarType.Float32 => MemoryMarshal.AsBytes(cpu.data<float>().ToArray().AsSpan()).ToArray(),
            ScalarType.Float64 => MemoryMarshal.AsBytes(cpu.data<double>().ToArray().AsSpan()).ToArray(),
            ScalarType.Int64 => MemoryMarshal.AsBytes(cpu.data<long>().ToArray().AsSpan()).ToArray(),
            ScalarType.Int32 => MemoryMarshal.AsBytes(cpu.data<int>().ToArray().AsSpan()).ToArray(),
            _ => cpu.data<byte>().ToArray(),
        };
        return new SafetensorsEntry(name, dtype, cpu.shape, bytes);
    }

    public static Tensor ToTensor(SafetensorsEntry entry)
    {
        // safetensors stores little-endian bytes, as .NET on x64 and arm64 does.
        ReadOnlySpan<byte> bytes = entry.Data.Span;
        return entry.Dtype switch
        {
            "F32" => torch.tensor(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), entry.Shape),
            "F64" => torch.tensor(MemoryMarshal.Cast<byte, double>(bytes).ToArray(), entry.Shape),
            "I64" => torch.tensor(MemoryMarshal.Cast<byte, long>(bytes).ToArray(), entry.Shape),
            "I32" => torch.tensor(MemoryMarshal.Cast<byte, int>(bytes).ToArray(), entry.Shape),
            "U8" => torch.tensor(bytes.ToArray(), entry.Shape),
            _ => throw new InvalidDataException($"Tensor '{entry.Name}' has unsupported dtype {entry.Dtype}."),
        };
    }
}
