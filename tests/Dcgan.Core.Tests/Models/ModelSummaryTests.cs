using Dcgan.Models;

namespace Dcgan.Core.Tests.Models;

public sealed class ModelSummaryTests
{
    [Fact]
    public void Of_Generator_TotalsEqualTheSumOverParametersAndShapesEndAtTheImage()
    {
        using var generator = new Generator(new DcganArchitecture(), seed: 0);

        ModelSummary summary = ModelSummary.Of(generator);

        summary.TotalParameters.Should().Be(generator.parameters().Sum(p => p.numel()));
        summary.Layers.Sum(l => l.Parameters).Should().Be(summary.TotalParameters);
        summary.TrainableParameters.Should().Be(summary.TotalParameters);
        summary.Layers[0].Should().BeEquivalentTo(new LayerSummary("main.0", "ConvTranspose2d", [128, 7, 7], 100 * 128 * 7 * 7));
        summary.Layers[^1].OutputShape.Should().Equal(1, 28, 28);
        summary.ToString().Should().Contain("Total params: 759,680").And.Contain("main.6").And.Contain("(1, 28, 28)");
    }

    [Fact]
    public void Of_Discriminator_LeavesTrainingModeAndStatisticsAlone()
    {
        using var discriminator = new Discriminator(new DcganArchitecture { Shape = new() { ImageSize = 64 }, Discriminator = new() { Pieces = [] } }, seed: 0);
        using var before = discriminator.state_dict()["main.3.running_mean"].clone();

        ModelSummary summary = ModelSummary.Of(discriminator);

        discriminator.training.Should().BeTrue();
        discriminator.state_dict()["main.3.running_mean"].eq(before).all().item<bool>().Should().BeTrue();
        summary.Layers[^1].OutputShape.Should().Equal(1, 1, 1);
        summary.WeightBytes.Should().BeGreaterThan(summary.TotalParameters * 4 - 1);
    }
}
