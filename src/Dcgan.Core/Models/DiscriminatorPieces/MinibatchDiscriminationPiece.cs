using TorchSharp;
using static TorchSharp.torch;

namespace Dcgan.Models.DiscriminatorPieces;

/// <summary>
/// Minibatch discrimination (Salimans et al., 2016; see <see cref="MinibatchDiscrimination"/>): <see cref="Kernels"/>
/// learned similarity features between each image and the rest of its batch, appended as channels.
/// </summary>
public sealed record MinibatchDiscriminationPiece : DiscriminatorPiece
{
    /// <summary>The largest <see cref="Kernels"/> and <see cref="KernelDimensions"/> accepted.</summary>
    public const int MaxSize = 512;

    /// <summary>Added to the discriminator's seed for this layer's own stream, so adding it leaves the convolutions' initial weights as they were.</summary>
    private const long SeedOffset = 7;

    /// <summary>Kernels <c>K</c>: the channels appended.</summary>
    /// <value>Default 50 (tuned; <c>docs/tuning.md</c>).</value>
    public int Kernels { get; init; } = 50;

    /// <summary>Dimensions <c>D</c> of each kernel's projection.</summary>
    /// <value>Default 5 (Salimans et al., 2016).</value>
    public int KernelDimensions { get; init; } = 5;

    /// <inheritdoc />
    public override IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Kernels is < 1 or > MaxSize)
            errors.Add($"{nameof(Kernels)} must be from 1 to {MaxSize}, but was {Kernels}.");
        if (KernelDimensions is < 1 or > MaxSize)
            errors.Add($"{nameof(KernelDimensions)} must be from 1 to {MaxSize}, but was {KernelDimensions}.");
        return errors;
    }

    internal override int AddedChannels => Kernels;

    internal override nn.Module<Tensor, Tensor> CreateLayer(int channels, int mapSize, long seed, Device? device) =>
        new MinibatchDiscrimination((long)channels * mapSize * mapSize, Kernels, KernelDimensions, seed + SeedOffset, device);
}
