using Dcgan.Imaging;
using Dcgan.Inference;
using Dcgan.Models;
using static TorchSharp.torch;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Core.Tests.Inference;

public sealed class TorchImageGeneratorTests
{
    private static readonly DcganArchitecture Small = new DcganArchitecture { Shape = new() { LatentSize = 16 }, Generator = new() { FeatureMaps = 8 }, Discriminator = new() { Pieces = [] } };

    [Fact]
    public void Description_TellsWhatTheNetworkMakes()
    {
        using var generator = new TorchImageGenerator(new Generator(Small with { Shape = Small.Shape with { ImageSize = 32, Channels = 3 } }, seed: 1));

        GeneratorDescription description = generator.Description;

        (description.LatentSize, description.ImageSize, description.Channels, description.IsConditional).Should().Be((16, 32, 3, false));
        description.ClassNames.Should().BeEmpty();
        (GeneratorDescription.PixelMin, GeneratorDescription.PixelMax).Should().Be((-1f, 1f));
    }

    [Fact]
    public void Generate_GivesTheNetworksOutputInEvaluationMode_AndRestoresTrainingMode()
    {
        using var network = new Generator(Small, seed: 1);
        network.train();
        using var generator = new TorchImageGenerator(network, ownsGenerator: false);
        float[] noise = generator.SampleNoise(3, seed: 4);

        ImageBatch images = generator.Generate(noise);

        network.training.Should().BeTrue("inference switches to evaluation mode and back");
        network.eval();
        using (no_grad())
        {
            using Tensor expected = network.call(tensor(noise, [3, 16]), null);
            images.Pixels.ToArray().Should().Equal(expected.data<float>().ToArray());
        }
        (images.Count, images.Channels, images.Height, images.Width).Should().Be((3, 1, 28, 28));
    }

    [Fact]
    public void SampleNoise_SameSeedSameNoise_AndStandardNormal()
    {
        using var generator = new TorchImageGenerator(new Generator(Small, seed: 1));

        float[] first = generator.SampleNoise(1000, seed: 9);
        float[] again = generator.SampleNoise(1000, seed: 9);
        float[] other = generator.SampleNoise(1000, seed: 10);

        first.Should().HaveCount(16_000).And.Equal(again);
        other.Should().NotEqual(first);
        first.Average().Should().BeApproximately(0f, 0.05f);
        Math.Sqrt(first.Average(v => v * v)).Should().BeApproximately(1.0, 0.05);
    }

    [Fact]
    public void Generate_NoiseOfTheWrongLength_IsRefusedNamingTheLatentSize()
    {
        using var generator = new TorchImageGenerator(new Generator(Small, seed: 1));

        generator.Invoking(g => g.Generate(new float[20])).Should().Throw<ArgumentException>().WithMessage("*whole vectors of 16 values*20*");
        generator.Invoking(g => g.Generate([])).Should().Throw<ArgumentException>();
        generator.Invoking(g => g.Generate(new float[16], [0])).Should().Throw<ArgumentException>().WithMessage("*not class-conditional*");
    }

    [Fact]
    public void Dispose_IsIdempotent_OwnsTheNetworkOnlyWhenAskedTo_AndRefusesLaterCalls()
    {
        using var network = new Generator(Small, seed: 1);
        var borrowed = new TorchImageGenerator(network, ownsGenerator: false);
        var owning = new TorchImageGenerator(new Generator(Small, seed: 2));

        borrowed.Dispose();
        borrowed.Dispose();
        owning.Dispose();

        network.IsDisposed.Should().BeFalse();
        owning.Generator.IsDisposed.Should().BeTrue();
        borrowed.Invoking(g => g.Generate(1)).Should().Throw<ObjectDisposedException>();
        owning.Invoking(g => g.Generate(new float[16])).Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Pixels_AreTheSameBytesThroughTheBatchAndThroughTensors()
    {
        using var generator = new TorchImageGenerator(new Generator(Small, seed: 3));
        float[] noise = generator.SampleNoise(4, seed: 1);

        ImageBatch batch = generator.Generate(noise);
        using Tensor images = generator.GenerateTensor(tensor(noise, [4, 16]));

        batch.ToBytes().Should().Equal(TensorImages.ToBytes(images));
        generator.GeneratePixels(4, seed: 1).SelectMany(p => p).Should().Equal(batch.ToBytes());
    }
}
