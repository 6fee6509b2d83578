using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dcgan.Models;

/// <summary>
/// The DCGAN initialisation of Radford et al.: convolution weights from N(0, 0.02), batch-norm scale from
/// N(1, 0.02) and batch-norm shift zero. Drawing from an explicit generator keeps it independent of
/// libtorch's global random state, so two models built with the same seed are identical.
/// </summary>
internal static class WeightInitialization
{
    public static void Apply(nn.Module module, torch.Generator random)
    {
        using IDisposable noGrad = no_grad();
        foreach ((string _, nn.Module child) in module.named_modules())
        {
            switch (child)
            {
                case Conv2d conv:
                    nn.init.normal_(conv.weight, 0.0, 0.02, random);
                    break;
                case ConvTranspose2d deconv:
                    nn.init.normal_(deconv.weight, 0.0, 0.02, random);
                    break;
                case BatchNorm2d norm:
                    nn.init.normal_(norm.weight, 1.0, 0.02, random);
                    nn.init.zeros_(norm.bias);
                    break;
            }
        }
    }
}
