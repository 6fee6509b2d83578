using Dcgan.Imaging;
using Dcgan.Inference;
using Dcgan.Tests;
using SixLabors.ImageSharp;

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

        using var generator = TorchImageGenerator.Load(Path.Combine(output.Path, "generator.dcgan"));
        ImageBatch digits = generator.Generate(count: 16, seed: 7);
        using Image grid = digits.ToGrid(columns: 4);
        grid.Width.Should().Be(4 * 30 + 2);

        // Without libtorch: the same file on ONNX Runtime, the same digits for the seed.
        using var onnx = Dcgan.Onnx.OnnxImageGenerator.Load(Path.Combine(output.Path, "generator.dcgan"));
        byte[] png = onnx.GenerateGridPng(count: 16, seed: 7);
        using Image fromOnnx = Image.Load(png);
        fromOnnx.Width.Should().Be(grid.Width);
        onnx.Generate(count: 16, seed: 7).ToBytes().Zip(digits.ToBytes(), (a, b) => Math.Abs(a - b)).Max().Should().BeLessThanOrEqualTo(1);
    }
}
