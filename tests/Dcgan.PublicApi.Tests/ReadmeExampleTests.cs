using Dcgan.Imaging;
using Dcgan.Models;
using Dcgan.Tests;
using SixLabors.ImageSharp;
using TorchSharp;

namespace Dcgan.PublicApi.Tests;

/// <summary>The README's code, as a user writes it: one using, the fluent builder, then embedding.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void FluentBuilder_TrainSaveLoadGenerate_WorksThroughThePublicApiOnly()
    {
        using var output = TestData.CreateTemporaryDirectory();

        using (var result = new DcganBuilder()
            .WithMnist(options => { options.Directory = TestData.MnistDirectory; options.PerClass = 32; })
            .WithFeatureMaps(8, 8)
            .WithEpochs(1)
            .WithOutputDirectory(output.Path)
            .Train())
        {
            result.History.Should().ContainSingle();
            result.GeneratorPath.Should().NotBeNull();
        }

        using var generator = Generator.Load(Path.Combine(output.Path, "generator.dcgan"));
        using torch.Tensor digits = generator.Generate(count: 16, seed: 7);
        using Image grid = TensorImages.ToGrid(digits, columns: 4);
        grid.Width.Should().Be(4 * 30 + 2);
    }
}
