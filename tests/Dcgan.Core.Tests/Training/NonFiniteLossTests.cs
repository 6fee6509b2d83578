using Dcgan.Data;
using Dcgan.Training;
using Dcgan.Tests;
using Microsoft.Extensions.Logging;
using TorchSharp;

namespace Dcgan.Core.Tests.Training;

public sealed class NonFiniteLossTests
{
    private static DcganBuilder Tiny(IImageDataSource data, int epochs) => new DcganBuilder()
        .WithDataSource(data)
        .WithFeatureMaps(8, 8)
        .WithLatentSize(16)
        .WithBatchSize(32)
        .WithEpochs(epochs)
        .WithSeed(4)
        .WithThreads(2);

    [Fact]
    public void Train_NanInTheData_StopsNamingEpochStepAndLoss_AndKeepsTheLastGoodCheckpoint()
    {
        using var checkpoints = TestData.CreateTemporaryDirectory();
        using (Tiny(EmojiSubsetSource.First(256), 1).WithCheckpoints(checkpoints.Path).Train())
        {
        }
        string good = Path.Combine(checkpoints.Path, "checkpoint_epoch_001.dcgan-ckpt");
        byte[] before = File.ReadAllBytes(good);

        Action act = () => Tiny(new PoisonedSource(256, poisonedIndex: 100), 2).WithResumeFrom(good).WithCheckpoints(checkpoints.Path).Train().Dispose();

        var diverged = act.Should().Throw<TrainingDivergedException>().WithMessage("Training diverged at epoch 2, step *: the discriminator loss is not finite*").Which;
        diverged.Should().BeAssignableTo<InvalidOperationException>("callers that caught the earlier exception type keep working");
        (diverged.Epoch, diverged.Loss).Should().Be((2, "discriminator"));
        diverged.Step.Should().BeInRange(9, 16, "the poisoned image is in one of epoch 2's eight batches of 32");
        File.ReadAllBytes(good).Should().Equal(before);
        Directory.GetFiles(checkpoints.Path).Should().ContainSingle();
        using var generator = Dcgan.Persistence.CheckpointFile.LoadGenerator(good);
        generator.Training!.Epochs.Should().Be(1);
    }

    [Fact]
    public void Train_NanInTheDataWithSkipBatch_SkipsExactlyThatBatchAndFinishes()
    {
        using var logs = new CollectingLoggerProvider();

        using TrainingResult result = Tiny(new PoisonedSource(256, poisonedIndex: 100), 1)
            .WithNonFiniteLossPolicy(NonFiniteLossPolicy.SkipBatch)
            .WithLoggerFactory(logs)
            .Train();

        logs.Entries.Where(e => e.Event.Id == 17).Should().ContainSingle().Which.Level.Should().Be(LogLevel.Warning);
        result.History.Should().ContainSingle().Which.DiscriminatorLoss.Should().BeInRange(0, 10);
        foreach (var parameter in result.Generator.parameters())
            parameter.isfinite().all().item<bool>().Should().BeTrue("the poisoned batch never reached the weights");
    }

    /// <summary>Real images with one pixel of one image set to NaN.</summary>
    private sealed class PoisonedSource(int count, int poisonedIndex) : IImageDataSource
    {
        public string Description => $"first {count} emoji, image {poisonedIndex} poisoned";

        public int Channels => 1;

        public ImageData Load(int imageSize, CancellationToken cancellationToken = default)
        {
            ImageData data = EmojiSubsetSource.First(count).Load(imageSize, cancellationToken);
            data.Images[poisonedIndex, 0, 10, 10] = torch.tensor(float.NaN);
            return data;
        }
    }
}
