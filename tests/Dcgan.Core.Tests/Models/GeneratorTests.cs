using Dcgan.Models;
using Dcgan.Tests;
using TorchSharp;
using static TorchSharp.torch;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Core.Tests.Models;

public sealed class GeneratorTests
{
    internal static readonly DcganArchitecture Small = new DcganArchitecture { Shape = new() { LatentSize = 16 }, Generator = new() { FeatureMaps = 8 }, Discriminator = new() { FeatureMaps = 8, Pieces = [] } };

    [Theory]
    [InlineData(28, 1)]
    [InlineData(32, 1)]
    [InlineData(64, 3)]
    public void Forward_ForEachSupportedSize_ProducesImagesOfThatSizeInRange(int imageSize, int channels)
    {
        using var generator = new Generator(Small with { Shape = Small.Shape with { ImageSize = imageSize, Channels = channels } }, seed: 1);
        using Tensor noise = torch.randn(3, Small.Shape.LatentSize);

        using Tensor images = generator.call(noise, null);

        images.shape.Should().Equal(3, channels, imageSize, imageSize);
        images.min().item<float>().Should().BeGreaterThanOrEqualTo(-1f);
        images.max().item<float>().Should().BeLessThanOrEqualTo(1f);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(48)]
    [InlineData(0)]
    public void Constructor_UnsupportedImageSize_ThrowsListingValidSizes(int imageSize)
    {
        Action act = () => new Generator(Small with { Shape = Small.Shape with { ImageSize = imageSize } }).Dispose();

        act.Should().Throw<ArgumentException>().WithMessage($"*ImageSize {imageSize} is not supported*28, 32, 64*");
    }

    [Fact]
    public void Constructor_SameSeed_GivesIdenticalWeights_DifferentSeed_DoesNot()
    {
        using var a = new Generator(Small, seed: 7);
        using var b = new Generator(Small, seed: 7);
        using var c = new Generator(Small, seed: 8);

        ModelAssertions.SameWeights(a, b).Should().BeTrue();
        ModelAssertions.SameWeights(a, c).Should().BeFalse();
    }

    [Fact]
    public void Constructor_InitialisesLikeRadford()
    {
        using var generator = new Generator(new DcganArchitecture(), seed: 3);
        var state = generator.state_dict();

        using Tensor conv = state["main.3.weight"];
        conv.mean().item<float>().Should().BeApproximately(0f, 0.001f);
        conv.std().item<float>().Should().BeApproximately(0.02f, 0.001f);
        using Tensor scale = state["main.1.weight"];
        scale.mean().item<float>().Should().BeApproximately(1f, 0.01f);
        state["main.1.bias"].abs().max().item<float>().Should().Be(0f);
    }

    [Fact]
    public void StateDict_UsesPyTorchDcganNames()
    {
        using var generator = new Generator(new DcganArchitecture(), seed: 0);

        generator.state_dict().Keys.Should().Contain(["main.0.weight", "main.1.weight", "main.1.bias", "main.1.running_mean", "main.1.running_var", "main.3.weight", "main.6.weight"]);
    }

    [Fact]
    public void Architecture_HasNoPoolingNoLinearAndTanhOutput()
    {
        using var generator = new Generator(new DcganArchitecture(), seed: 0);
        var modules = generator.modules().Select(m => m.GetType().Name).ToList();

        modules.Should().NotContain(name => name.Contains("Pool") || name == "Linear");
        modules.Should().Contain("ConvTranspose2d").And.Contain("BatchNorm2d").And.Contain("ReLU");
        modules.Last().Should().Be("Tanh");
    }
}
