using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dcgan.Models.DiscriminatorPieces;

/// <summary>
/// Minibatch discrimination (Salimans et al., 2016, section 3.2): lets the discriminator see how close each
/// image's features are to the other images of its batch. The flattened features of every image are projected
/// by a learned tensor to <c>K</c> kernels of <c>D</c> dimensions; for each kernel, an image's feature is the
/// sum over the other images of <c>exp(-L1 distance)</c>. The <c>K</c> features are appended as constant
/// channels, like <see cref="MinibatchStdDev"/>. Unlike that single fixed statistic, the kernels learn which
/// similarities give a generator away, so a generator that over-produces some kinds of image and drops others
/// is caught within a batch.
/// </summary>
/// <remarks>
/// The projection (<c>kernels</c>, shape <c>[C * H * W, K * D]</c>) starts from N(0, 0.02), like the DCGAN
/// convolutions. An image alone in its batch gets zeros.
/// </remarks>
internal sealed class MinibatchDiscrimination : nn.Module<Tensor, Tensor>
{
    private readonly Parameter kernels;
    private readonly int kernelCount;
    private readonly int kernelDimensions;

    /// <summary>Creates the layer for feature maps of <paramref name="inputFeatures"/> values per image.</summary>
    /// <param name="inputFeatures">Values per image of the input, <c>C * H * W</c>.</param>
    /// <param name="kernelCount">Kernels <c>K</c>: the channels appended.</param>
    /// <param name="kernelDimensions">Dimensions <c>D</c> of each kernel's projection.</param>
    /// <param name="seed">Seed of the N(0, 0.02) initialisation of the projection.</param>
    /// <param name="device">Where the projection lives; on the meta device it is neither allocated nor drawn.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public MinibatchDiscrimination(long inputFeatures, int kernelCount, int kernelDimensions, long seed = 0, Device? device = null)
        : base(nameof(MinibatchDiscrimination))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelDimensions);
        this.kernelCount = kernelCount;
        this.kernelDimensions = kernelDimensions;
        long[] shape = [inputFeatures, (long)kernelCount * kernelDimensions];
        if (device?.type == DeviceType.META)
        {
            kernels = nn.Parameter(empty(shape, device: device));
        }
        else
        {
            using var random = new torch.Generator((ulong)seed);
            kernels = nn.Parameter(randn(shape, generator: random).mul_(0.02));
        }
        RegisterComponents();
    }

    /// <summary>Maps <c>[N, C, H, W]</c> to <c>[N, C + K, H, W]</c>.</summary>
    /// <param name="input">A batch of feature maps with <c>C * H * W</c> equal to the layer's input features.</param>
    /// <returns>The input with the <c>K</c> similarity channels appended.</returns>
    /// <exception cref="ArgumentException">The input is not <c>[N, C, H, W]</c> with <c>C * H * W</c> values per image.</exception>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        long features = kernels.shape[0];
        if (input.dim() != 4 || input.shape[1] * input.shape[2] * input.shape[3] != features)
            throw new ArgumentException($"This layer takes [N, C, H, W] feature maps with C * H * W = {features}, but got [{string.Join(", ", input.shape)}].", nameof(input));
        using var scope = NewDisposeScope();
        long count = input.shape[0];
        Tensor projected = input.flatten(1).matmul(kernels).view(count, kernelCount, kernelDimensions);
        // Every pair's L1 distance per kernel, [N, N, K]; the 0L/3L literals pick the dimension overloads (a bare
        // 0 converts to a ScalarType and would sum everything).
        Tensor distances = (projected.unsqueeze(0) - projected.unsqueeze(1)).abs().sum(3L);
        // Each image is at distance 0 from itself, which adds exp(0) = 1: removed, so only the others count.
        Tensor similarity = distances.neg().exp().sum(0L).sub(1.0);
        Tensor channels = similarity.view(count, kernelCount, 1, 1).expand(count, kernelCount, input.shape[2], input.shape[3]);
        return cat([input, channels], 1).MoveToOuterDisposeScope();
    }
}
