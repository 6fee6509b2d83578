using TorchSharp;
using static TorchSharp.torch;

namespace Dcgan.Models.DiscriminatorPieces;

/// <summary>
/// Appends one feature map holding the batch's average standard deviation (Karras et al., 2018, section 3):
/// the standard deviation of every feature over the batch, averaged to one number and broadcast to a
/// <c>[N, 1, H, W]</c> map. A discriminator that sees it can tell a varied batch from a repetitive one,
/// which pushes the generator to cover more of the data. It has no parameters.
/// </summary>
internal sealed class MinibatchStdDev : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    public MinibatchStdDev()
        : base(nameof(MinibatchStdDev))
    {
    }

    /// <summary>Maps <c>[N, C, H, W]</c> to <c>[N, C + 1, H, W]</c>.</summary>
    /// <param name="input">A batch of at least two feature maps.</param>
    /// <returns>The input with the standard-deviation channel appended.</returns>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        // Biased variance plus a small epsilon: defined for any batch of two or more, and its gradient stays finite.
        Tensor centred = input - input.mean([0], keepdim: true);
        Tensor deviation = centred.square().mean([0]).add(1e-8).sqrt().mean();
        Tensor channel = deviation.expand(input.shape[0], 1, input.shape[2], input.shape[3]);
        return cat([input, channel], 1).MoveToOuterDisposeScope();
    }
}
