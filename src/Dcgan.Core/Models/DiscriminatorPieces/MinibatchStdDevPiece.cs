using TorchSharp;
using static TorchSharp.torch;

namespace Dcgan.Models.DiscriminatorPieces;

/// <summary>
/// Appends one channel holding the batch's average standard deviation (Karras et al., 2018; see
/// <see cref="MinibatchStdDev"/>): a discriminator that sees it can tell a varied batch from a repetitive one. No weights.
/// </summary>
public sealed record MinibatchStdDevPiece : DiscriminatorPiece
{
    internal override int AddedChannels => 1;

    internal override nn.Module<Tensor, Tensor> CreateLayer(int channels, int mapSize, long seed, Device? device) => new MinibatchStdDev();
}
