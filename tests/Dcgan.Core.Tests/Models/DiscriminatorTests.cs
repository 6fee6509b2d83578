using Dcgan.Models;
using static TorchSharp.torch;

namespace Dcgan.Core.Tests.Models;

public sealed class DiscriminatorTests
{
    [Theory]
    [InlineData(28, 1)]
    [InlineData(32, 3)]
    [InlineData(64, 1)]
    public void Forward_ForEachSupportedSize_GivesOneLogitPerImage(int imageSize, int channels)
    {
        using var discriminator = new Discriminator(new DcganArchitecture { Shape = new() { ImageSize = imageSize, Channels = channels }, Discriminator = new() { FeatureMaps = 8, Pieces = [] } }, seed: 1);
        using Tensor images = rand(5, channels, imageSize, imageSize) * 2 - 1;

        using Tensor logits = discriminator.call(images);

        logits.shape.Should().Equal(5);
    }

    [Fact]
    public void Architecture_UsesStridedConvolutionsLeakyReluAndNoPooling()
    {
        using var discriminator = new Discriminator(DcganArchitecture.Plain, seed: 0);
        var modules = discriminator.modules().Select(m => m.GetType().Name).ToList();

        modules.Should().NotContain(name => name.Contains("Pool") || name == "Linear" || name == "Sigmoid");
        modules.Should().Contain("LeakyReLU").And.Contain("BatchNorm2d");
        discriminator.state_dict().Keys.Should().Contain(["main.0.weight", "main.2.weight", "main.3.weight", "main.3.running_mean", "main.5.weight"]);
    }
}
