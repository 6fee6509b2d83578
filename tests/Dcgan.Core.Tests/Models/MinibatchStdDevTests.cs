using Dcgan.Models.DiscriminatorPieces;
using Dcgan.Models;
using static TorchSharp.torch;

namespace Dcgan.Core.Tests.Models;

public sealed class MinibatchStdDevTests
{
    [Fact]
    public void Forward_AppendsTheBatchsAverageStandardDeviationAsOneChannel()
    {
        using var layer = new MinibatchStdDev();
        // Two images, two channels, 1x2 pixels: per-position deviations over the batch are 1, 2, 3 and 0.
        using Tensor input = tensor(new float[] { 0, 0, 5, 7, 2, 4, 5, 7 }).view(2, 2, 1, 2);

        using Tensor output = layer.call(input);

        output.shape.Should().Equal(2, 3, 1, 2);
        output.narrow(1, 0, 2).Should().Match<Tensor>(t => t.eq(input).all().item<bool>(), "the input channels pass through unchanged");
        float[] appended = output.narrow(1, 2, 1).contiguous().data<float>().ToArray();
        appended.Should().AllSatisfy(v => v.Should().BeApproximately((1 + 2 + 0 + 0) / 4f, 1e-4f));
    }

    [Fact]
    public void Forward_IdenticalImages_GiveANearZeroChannelAndFiniteGradients()
    {
        using var layer = new MinibatchStdDev();
        using Tensor same = ones(4, 3, 2, 2).requires_grad_();

        using Tensor output = layer.call(same);
        using Tensor total = output.sum();
        total.backward();

        output.narrow(1, 3, 1).max().item<float>().Should().BeLessThan(1e-3f);
        same.grad!.isfinite().all().item<bool>().Should().BeTrue();
    }

    [Fact]
    public void Discriminator_WithIt_ScoresImagesAndSurvivesASaveAndLoad()
    {
        var architecture = new DcganArchitecture { Discriminator = new() { FeatureMaps = 8, Pieces = [new MinibatchStdDevPiece()] } };
        using var discriminator = new Discriminator(architecture, seed: 3);
        using Tensor images = rand(6, 1, 28, 28) * 2 - 1;

        using Discriminator loaded = DiscriminatorRoundTrip.Of(discriminator).Loaded;
        discriminator.eval();
        using Tensor expected = discriminator.call(images);
        using Tensor actual = loaded.call(images);

        loaded.Architecture.Should().Be(architecture.Discriminator);
        discriminator.modules().Should().Contain(m => m is MinibatchStdDev);
        actual.eq(expected).all().item<bool>().Should().BeTrue();
    }
}
