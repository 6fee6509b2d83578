using Dcgan.Models;
using Dcgan.Models.DiscriminatorPieces;

namespace Dcgan.Persistence;

/// <summary>
/// The one-record architecture JSON of model files up to version 2 and checkpoints of version 1, frozen as those files
/// wrote it. A key an older file lacks takes the value it had when that file was written (the plain DCGAN's), not
/// today's tuned default.
/// </summary>
internal sealed record LegacyArchitecture(
    int LatentSize = 100,
    int ImageSize = 28,
    int Channels = 1,
    int GeneratorFeatureMaps = 64,
    int DiscriminatorFeatureMaps = 64,
    bool MinibatchStdDev = false,
    int MinibatchDiscriminationKernels = 0,
    int MinibatchDiscriminationKernelDimensions = 5,
    bool DiscriminatorBatchNorm = true,
    int DiscriminatorPacking = 1,
    IReadOnlyList<string>? ClassNames = null)
{
    public DcganArchitecture ToArchitecture()
    {
        List<DiscriminatorPiece> pieces = [];
        if (MinibatchStdDev)
            pieces.Add(new MinibatchStdDevPiece());
        if (MinibatchDiscriminationKernels > 0)
            pieces.Add(new MinibatchDiscriminationPiece { Kernels = MinibatchDiscriminationKernels, KernelDimensions = MinibatchDiscriminationKernelDimensions });
        return new DcganArchitecture
        {
            Shape = new ImageShape { LatentSize = LatentSize, ImageSize = ImageSize, Channels = Channels, ClassNames = ClassNames },
            Generator = new GeneratorArchitecture { FeatureMaps = GeneratorFeatureMaps },
            Discriminator = new DiscriminatorArchitecture { FeatureMaps = DiscriminatorFeatureMaps, BatchNorm = DiscriminatorBatchNorm, Packing = DiscriminatorPacking, Pieces = pieces },
        };
    }
}
