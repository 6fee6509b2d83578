using Dcgan.Tests;

namespace Dcgan.Mnist.Tests;

public sealed class MnistDcganBuilderExtensionsTests
{
    [Fact]
    public void WithMnist_IsReachableWithoutExtraUsing_AndTakesChannelsFromTheSource()
    {
        using var trainer = new DcganBuilder().WithMnist(TestData.MnistDirectory).WithFeatureMaps(8, 8).Build();

        trainer.Options.Architecture.Shape.Channels.Should().Be(1);
        trainer.Options.Epochs.Should().Be(5);
        trainer.Options.Optimization.BatchSize.Should().Be(32);
        trainer.Options.Optimization.GeneratorAverageDecay.Should().Be(0.999);
        trainer.Options.Architecture.Discriminator.Pieces.Should().Equal(new Dcgan.Models.DiscriminatorPieces.MinibatchStdDevPiece(), new Dcgan.Models.DiscriminatorPieces.MinibatchDiscriminationPiece { Kernels = 50, KernelDimensions = 5 });
        trainer.Options.Optimization.GeneratorLearningRate.Should().Be(8e-4);
        trainer.Options.Optimization.DiscriminatorLearningRate.Should().Be(2e-4);
        trainer.Options.Optimization.Beta1.Should().Be(0.5);
    }

    [Fact]
    public void WithClassConditioning_TakesTheDigitsFromTheMnistSource()
    {
        using var trainer = new DcganBuilder().WithMnist(TestData.MnistDirectory).WithFeatureMaps(8, 8).WithClassConditioning().Build();

        trainer.Options.Architecture.Shape.ClassNames.Should().Equal("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        trainer.Generator.Shape.IsConditional.Should().BeTrue();
        trainer.Discriminator.Shape.ClassCount.Should().Be(10);
    }
}
