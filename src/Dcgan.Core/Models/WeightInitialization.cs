using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dcgan.Models;

/// <summary>
/// The DCGAN initialisation of Radford et al.: convolution weights from N(0, 0.02), batch-norm scale from
/// N(1, 0.02) and batch-norm shift zero. Drawing from an explicit generator keeps it independent of
/// libtorch's global random state, so two models built with the same seed are identical.
/// </summary>
/// <remarks>
/// The values are drawn with <c>randn(..., generator)</c> and copied in, rather than through
/// <c>nn.init.normal_(..., generator)</c>: in TorchSharp 0.107 the latter ignored the generator here
/// (two models with the same seed differed), which the generator tests catch.
/// </remarks>
internal static class WeightInitialization
{
    /// <summary>Draws the initial weights of every convolution and batch norm of <paramref name="module"/> from <paramref name="seed"/>; a module built on the meta device (shapes only, no storage) is left alone.</summary>
    public static void Apply(nn.Module module, long seed, Device? device)
    {
        if (device?.type == DeviceType.META)
            return;
        using var random = new torch.Generator((ulong)seed);
        using IDisposable noGrad = no_grad();
        foreach ((string _, nn.Module child) in module.named_modules())
        {
            switch (child)
            {
                case Conv2d conv:
                    Normal(conv.weight, 0.0, 0.02, random);
                    break;
                case ConvTranspose2d deconv:
                    Normal(deconv.weight, 0.0, 0.02, random);
                    break;
                case BatchNorm2d norm:
                    Normal(norm.weight, 1.0, 0.02, random);
                    nn.init.zeros_(norm.bias);
                    break;
            }
        }
    }

    private static void Normal(Tensor parameter, double mean, double std, torch.Generator random)
    {
        using Tensor values = randn(parameter.shape, dtype: parameter.dtype, generator: random);
        parameter.copy_(values.mul_(std).add_(mean));
    }
}
