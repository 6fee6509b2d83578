using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Dcgan.Evaluation;

/// <summary>
/// Another tool's samples for the evaluator: raw float32 images <c>[N, 1, 28, 28]</c> in [-1, 1], as the PyTorch scripts
/// write them (linked into the CLI's <c>evaluate --images</c> and the benchmarks' <c>quality --images</c>).
/// </summary>
internal static class RawImages
{
    private const int ImageBytes = sizeof(float) * 28 * 28;

    /// <summary>Reads the file as a tensor <c>[N, 1, 28, 28]</c>, owned by the caller.</summary>
    /// <exception cref="InvalidDataException">The file is empty or not a whole number of images.</exception>
    public static Tensor Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0 || bytes.Length % ImageBytes != 0)
            throw new InvalidDataException($"'{path}' holds {bytes.Length} bytes, not a whole number of 28x28 float32 images.");
        float[] values = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        return tensor(values, [bytes.Length / ImageBytes, 1, 28, 28]);
    }
}
