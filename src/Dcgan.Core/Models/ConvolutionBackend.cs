using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Dcgan.Models;

/// <summary>
/// Checks once per process that libtorch's convolutions compute what they should on this processor, and turns its
/// oneDNN (mkldnn) convolutions off where they do not, so that convolutions fall back to ATen's own kernels (im2col
/// and a matrix product).
/// </summary>
/// <remarks>
/// On an AMD EPYC of family 26 (Zen 5) under libtorch 2.10, oneDNN's JIT convolutions gave wrong numbers, and with two
/// threads different numbers on every call and NaNs, whenever the input channels were not a multiple of the vector
/// width: the generator's first transposed convolution (100 noise values to 7x7) and the discriminator's last
/// convolution (129 or 179 channels to one logit) among them. Limiting oneDNN to SSE4.1 made it right; AVX and AVX2 did
/// not. The check runs exactly those two shapes against a float64 matrix product (which oneDNN does not compute) and
/// disables oneDNN only if either is off; <c>docs/performance.md</c> has the measurements. <c>DCGAN_ONEDNN=keep</c>
/// skips the check (for benchmarks of the broken path).
/// </remarks>
internal static class ConvolutionBackend
{
    private const double Tolerance = 1e-3;
    private static readonly Lazy<bool> OneDnnDisabled = new(CheckAndRepair, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Runs the check if it has not run in this process; true when oneDNN's convolutions were turned off.</summary>
    public static bool EnsureCorrect() => OneDnnDisabled.Value;

    private static bool CheckAndRepair()
    {
        if (Environment.GetEnvironmentVariable("DCGAN_ONEDNN") == "keep")
            return false;
        if (WorstError() <= Tolerance)
            return false;
        IntPtr context = GlobalContext();
        SetUserEnabledMkldnn(context, false);
        // Next in ATen's list would be NNPACK, which refuses AVX-512-only processors with a warning on every call.
        SetUserEnabledNnpack(context, false);
        return true;
    }

    /// <summary>The largest difference from float64 of the two convolution shapes that went wrong.</summary>
    internal static double WorstError()
    {
        using var scope = NewDisposeScope();
        using IDisposable noGrad = no_grad();
        using var random = new torch.Generator(1);
        // A full-size kernel over 17 channels: as the discriminator's last layer.
        Tensor images = randn([4, 17, 7, 7], generator: random);
        Tensor kernel = randn([1, 17, 7, 7], generator: random);
        Tensor logits = nn.functional.conv2d(images, kernel).view(-1);
        Tensor expected = images.to_type(ScalarType.Float64).flatten(1).matmul(kernel.to_type(ScalarType.Float64).view(1, -1).t()).view(-1);
        // Noise to a 7x7 map: as the generator's first layer.
        Tensor noise = randn([4, 100, 1, 1], generator: random);
        Tensor projection = randn([100, 8, 7, 7], generator: random);
        Tensor maps = nn.functional.conv_transpose2d(noise, projection).flatten(1);
        Tensor expectedMaps = noise.to_type(ScalarType.Float64).flatten(1).matmul(projection.to_type(ScalarType.Float64).view(100, -1));
        double logitError = (logits.to_type(ScalarType.Float64) - expected).abs().max().item<double>();
        double mapError = (maps.to_type(ScalarType.Float64) - expectedMaps).abs().max().item<double>();
        // NaN compares false: treat it as the worst error.
        return double.IsNaN(logitError) || double.IsNaN(mapError) ? double.PositiveInfinity : Math.Max(logitError, mapError);
    }

    // libtorch exports at::globalContext() and at::Context::setUserEnabledMkldnn(bool), the switch behind PyTorch's
    // torch.backends.mkldnn.enabled, and setUserEnabledNNPACK(bool) (torch.backends.nnpack); TorchSharp 0.107 binds neither.
    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    private static extern IntPtr GlobalContext();

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    private static extern void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    private static extern void SetUserEnabledNnpack(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);
}
