using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dcgan.Models;

/// <summary>
/// The two convolutions whose kernel covers the whole map, computed as the matrix products they are: the generator's
/// first layer (a transposed convolution from a 1x1 map of noise to BaseSize x BaseSize) and the discriminator's last
/// (a convolution from BaseSize x BaseSize to one logit). The layers stay <see cref="ConvTranspose2d"/> and
/// <see cref="Conv2d"/> modules, so weights, names, files and exports are unchanged; only the arithmetic moves.
/// </summary>
/// <remarks>
/// Why: these are the shapes that libtorch 2.10's oneDNN convolutions got wrong on AMD Zen 5 (input channels not a
/// multiple of the vector width; <c>docs/performance.md</c>), which forced oneDNN off for every convolution. As matrix
/// products (MKL) they are right everywhere, and the other convolutions keep oneDNN where
/// <see cref="ConvolutionBackend"/> finds it right.
/// </remarks>
internal static class FullMapConvolution
{
    /// <summary>A transposed convolution of a <c>[N, C, 1, 1]</c> map, stride 1, no padding, no bias: <c>[N, O, k, k]</c>.</summary>
    public static Tensor Project(ConvTranspose2d layer, Tensor map)
    {
        Tensor weight = layer.weight!; // [C, O, k, k]
        return map.flatten(1).matmul(weight.flatten(1)).view(map.shape[0], weight.shape[1], weight.shape[2], weight.shape[3]);
    }

    /// <summary>A convolution whose kernel is the whole <c>[N, C, k, k]</c> map, stride 1, no padding, no bias: <c>[N, O, 1, 1]</c>.</summary>
    public static Tensor Collapse(Conv2d layer, Tensor map)
    {
        Tensor weight = layer.weight!; // [O, C, k, k]
        return map.flatten(1).matmul(weight.flatten(1).t()).view(map.shape[0], weight.shape[0], 1, 1);
    }
}
