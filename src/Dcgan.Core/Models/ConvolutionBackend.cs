using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Dcgan.Models;

/// <summary>One convolution as a network uses it (channels, kernel, stride, padding, input size): what the check runs.</summary>
internal readonly record struct ConvolutionCase(long InputChannels, long OutputChannels, int Kernel, int Stride, int Padding, int InputSize, bool Transposed)
{
    /// <summary>The bias-free layer this case describes, so that a network states each convolution once.</summary>
    public nn.Module<Tensor, Tensor> CreateLayer(Device? device) => Transposed
        ? nn.ConvTranspose2d(InputChannels, OutputChannels, Kernel, stride: Stride, padding: (long)Padding, bias: false, device: device)
        : nn.Conv2d(InputChannels, OutputChannels, Kernel, stride: Stride, padding: (long)Padding, bias: false, device: device);
}

/// <summary>
/// Checks that libtorch's convolutions compute what they should on this processor for every convolution a network is
/// built with, and turns its oneDNN (mkldnn) convolutions off for the process where one does not, so that convolutions
/// fall back to ATen's own kernels (im2col and a matrix product).
/// </summary>
/// <remarks>
/// On an AMD EPYC of family 26 (Zen 5) under libtorch 2.10, oneDNN's JIT convolutions gave wrong numbers, and with two
/// threads different numbers on every call and NaNs, whenever the input channels were not a multiple of the vector
/// width; the networks' full-map layers were among them, and those are now matrix products
/// (<see cref="FullMapConvolution"/>). Each distinct convolution is checked once per process, forward and both
/// gradients, against the same convolution in float64 (which oneDNN does not compute): a network whose convolutions are
/// all right keeps oneDNN's speed, and one wrong case turns it off for everything. <c>docs/performance.md</c> has the
/// measurements. <c>DCGAN_ONEDNN=keep</c> skips the check (for benchmarks of the broken path).
/// </remarks>
internal static class ConvolutionBackend
{
    private const double Tolerance = 1e-3;
    private const int Tries = 5;
    private static readonly HashSet<ConvolutionCase> Checked = [];
    private static readonly Lock Gate = new();
    private static bool nnpackDisabled;

    /// <summary>True once a checked convolution was wrong and oneDNN's convolutions were turned off for this process.</summary>
    public static bool OneDnnDisabled { get; private set; }

    /// <summary>Checks the cases not yet checked in this process; turns oneDNN off if one is wrong. Returns <see cref="OneDnnDisabled"/>.</summary>
    /// <param name="cases">The convolutions a network is built with.</param>
    /// <param name="device">The device the network is built on; null for the default (the CPU).</param>
    public static bool EnsureCorrect(IEnumerable<ConvolutionCase> cases, Device? device = null)
    {
        if (Environment.GetEnvironmentVariable("DCGAN_ONEDNN") == "keep")
            return false;
        // oneDNN computes the CPU's convolutions only. A network on the meta device is a file's declared architecture
        // being compared with its tensors before anything is allocated: checking its shapes would allocate what the
        // file declares (a hostile file declares terabytes), and the network built on the CPU afterwards is checked.
        if (device is not null && device.type != DeviceType.CPU)
            return OneDnnDisabled;
        lock (Gate)
        {
            if (!nnpackDisabled)
            {
                // ATen tries NNPACK only for shapes oneDNN does not take, none of which the library builds; on processors
                // it does not support (AVX-512 Zen 5) it prints a warning on every such call.
                SetUserEnabledNnpack(GlobalContext(), false);
                nnpackDisabled = true;
            }
            foreach (ConvolutionCase convolution in cases)
            {
                // oneDNN's wrong answers come and go between calls of the same shape (one grey input channel into eight
                // maps was wrong in most calls and right in some), so each shape is tried several times.
                if (!OneDnnDisabled && Checked.Add(convolution) && Enumerable.Range(0, Tries).Any(_ => RelativeError(convolution) > Tolerance))
                    Disable();
            }
            return OneDnnDisabled;
        }
    }

    /// <summary>
    /// The largest relative difference from float64 of the output and both gradients of <paramref name="convolution"/>,
    /// batch 8, random inputs and weights scaled to unit output; infinity for NaN.
    /// </summary>
    internal static double RelativeError(ConvolutionCase convolution)
    {
        using var scope = NewDisposeScope();
        using IDisposable grad = enable_grad();
        using var random = new torch.Generator(1);
        (long inputs, long outputs, int k) = (convolution.InputChannels, convolution.OutputChannels, convolution.Kernel);
        Tensor x = randn([8, inputs, convolution.InputSize, convolution.InputSize], generator: random);
        Tensor w = randn(convolution.Transposed ? [inputs, outputs, k, k] : [outputs, inputs, k, k], generator: random) / Math.Sqrt(inputs * k * k);

        (Tensor Y, Tensor Dx, Tensor Dw) Run(ScalarType type, Tensor upstream)
        {
            // Detached first: each run needs leaves of its own, whatever the other run did to x and w.
            Tensor xi = x.detach().to_type(type).requires_grad_(), wi = w.detach().to_type(type).requires_grad_();
            Tensor y = convolution.Transposed
                ? nn.functional.conv_transpose2d(xi, wi, null, [convolution.Stride, convolution.Stride], [convolution.Padding, convolution.Padding])
                : nn.functional.conv2d(xi, wi, null, [convolution.Stride, convolution.Stride], [convolution.Padding, convolution.Padding]);
            (y * upstream.to_type(type)).sum().backward();
            return (y.detach(), xi.grad!, wi.grad!);
        }

        Tensor upstream = randn(ShapeOf(convolution), generator: random);
        var single = Run(ScalarType.Float32, upstream);
        var reference = Run(ScalarType.Float64, upstream);
        double Error(Tensor a, Tensor b) => ((a.to_type(ScalarType.Float64) - b).abs().max() / (b.abs().max() + 1e-6)).item<double>();
        double worst = new[] { Error(single.Y, reference.Y), Error(single.Dx, reference.Dx), Error(single.Dw, reference.Dw) }.Max();
        return double.IsNaN(worst) ? double.PositiveInfinity : worst;
    }

    private static long[] ShapeOf(ConvolutionCase c)
    {
        long size = c.Transposed
            ? (c.InputSize - 1L) * c.Stride - 2L * c.Padding + c.Kernel
            : (c.InputSize + 2L * c.Padding - c.Kernel) / c.Stride + 1;
        return [8, c.OutputChannels, size, size];
    }

    private static void Disable()
    {
        // NNPACK, next in ATen's list, is already off (EnsureCorrect).
        SetUserEnabledMkldnn(GlobalContext(), false);
        OneDnnDisabled = true;
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
