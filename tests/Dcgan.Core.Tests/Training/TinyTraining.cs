using Dcgan.Tests;

namespace Dcgan.Core.Tests.Training;

/// <summary>The tiny real run the checkpoint, fault and TensorBoard tests share: 256 labelled emoji, 8 steps an epoch, seconds per epoch.</summary>
internal static class TinyTraining
{
    public static DcganBuilder Builder(int epochs) => new DcganBuilder()
        .WithDataSource(EmojiSubsetSource.Labelled(256))
        .WithFeatureMaps(8, 8)
        .WithLatentSize(16)
        .WithBatchSize(32)
        .WithEpochs(epochs)
        .WithSeed(9)
        .WithThreads(2);
}
