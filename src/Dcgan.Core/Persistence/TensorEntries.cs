using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Dcgan.Persistence;

/// <summary>TorchSharp tensors to and from the raw safetensors entries of Dcgan.Abstractions' <see cref="SafetensorsFile"/>.</summary>
internal static class TensorEntries
{
    public static SafetensorsEntry ToEntry(string name, Tensor tensor)
    {
        using Tensor cpu = tensor.detach().cpu().contiguous();
        (string dtype, byte[] bytes) = cpu.dtype switch
        {
            ScalarType.Float32 => ("F32", MemoryMarshal.AsBytes(cpu.data<float>().ToArray().AsSpan()).ToArray()),
            ScalarType.Float64 => ("F64", MemoryMarshal.AsBytes(cpu.data<double>().ToArray().AsSpan()).ToArray()),
            ScalarType.Int64 => ("I64", MemoryMarshal.AsBytes(cpu.data<long>().ToArray().AsSpan()).ToArray()),
            ScalarType.Int32 => ("I32", MemoryMarshal.AsBytes(cpu.data<int>().ToArray().AsSpan()).ToArray()),
            ScalarType.Byte => ("U8", cpu.data<byte>().ToArray()),
            _ => throw new NotSupportedException($"Tensor '{name}' of type {cpu.dtype} cannot be saved."),
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
