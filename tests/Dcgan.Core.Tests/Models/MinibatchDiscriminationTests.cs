using Dcgan.Models.DiscriminatorPieces;
using Dcgan.Models;
using static TorchSharp.torch;

namespace Dcgan.Core.Tests.Models;

public sealed class MinibatchDiscriminationTests
{
    private static readonly DcganArchitecture WithLayer = new DcganArchitecture { Discriminator = new() { FeatureMaps = 8, Pieces = [new MinibatchDiscriminationPiece { Kernels = 6, KernelDimensions = 3 }] } };

    [Fact]
    public void Forward_IdenticalImages_EachSeeEveryOtherImageAtDistanceZero()
    {
        using var layer = new MinibatchDiscrimination(inputFeatures: 2 * 3 * 3, kernelCount: 4, kernelDimensions: 5, seed: 1);
        using Tensor one = randn(1, 2, 3, 3);
        using Tensor batch = one.expand(5, 2, 3, 3).contiguous();

        using Tensor output = layer.call(batch);

        output.shape.Should().Equal(5, 6, 3, 3);
        output.narrow(1, 0, 2).eq(batch).all().item<bool>().Should().BeTrue("the input channels pass through unchanged");
        float[] similarity = output.narrow(1, 2, 4).contiguous().data<float>().ToArray();
        similarity.Should().AllSatisfy(v => v.Should().BeApproximately(4f, 1e-5f), "each of the 4 other images adds exp(0) = 1");
    }

    [Fact]
    public void Forward_AnImageFarFromTheOthers_IsSimilarToNone()
    {
        using var layer = new MinibatchDiscrimination(inputFeatures: 2 * 3 * 3, kernelCount: 4, kernelDimensions: 5, seed: 1);
        using Tensor batch = randn(1, 2, 3, 3).expand(4, 2, 3, 3).contiguous();
        batch[3].add_(1000.0); // far from the three copies

        using Tensor output = layer.call(batch);

        float[] outlier = output[3].narrow(0, 2, 4).contiguous().data<float>().ToArray();
        float[] copy = output[0].narrow(0, 2, 4).contiguous().data<float>().ToArray();
        outlier.Should().AllSatisfy(v => v.Should().BeLessThan(1e-6f));
        copy.Should().AllSatisfy(v => v.Should().BeApproximately(2f, 1e-5f), "a copy sees the other two copies, not the outlier");
    }

    [Fact]
    public void Forward_ASingleImage_GetsZeros()
    {
        using var layer = new MinibatchDiscrimination(inputFeatures: 4, kernelCount: 3, kernelDimensions: 2);
        using Tensor image = randn(1, 1, 2, 2);

        using Tensor output = layer.call(image);

        output.narrow(1, 1, 3).abs().max().item<float>().Should().Be(0f);
    }

    [Fact]
    public void Forward_InputOfTheWrongSize_IsRejectedNamingBothSizes()
    {
        using var layer = new MinibatchDiscrimination(inputFeatures: 2 * 3 * 3, kernelCount: 4, kernelDimensions: 5);
        using Tensor wrong = randn(4, 2, 4, 4);

        Action act = () => layer.call(wrong).Dispose();

        act.Should().Throw<ArgumentException>().WithMessage("*C * H * W = 18*[4, 2, 4, 4]*");
    }

    [Fact]
    public void Backward_ReachesTheKernelsAndTheInput()
    {
        using var layer = new MinibatchDiscrimination(inputFeatures: 2 * 3 * 3, kernelCount: 4, kernelDimensions: 5, seed: 1);
        using Tensor batch = (randn(6, 2, 3, 3) * 0.1).requires_grad_();

        using Tensor output = layer.call(batch);
        using Tensor total = output.narrow(1, 2, 4).sum();
        total.backward();

        Tensor kernels = layer.parameters().Single();
        kernels.grad!.abs().max().item<float>().Should().BeGreaterThan(0f);
        batch.grad!.isfinite().all().item<bool>().Should().BeTrue();
    }

    [Fact]
    public void Constructor_SameSeed_SameKernels_OtherSeed_OtherKernels()
    {
        using var a = new MinibatchDiscrimination(10, 3, 2, seed: 5);
        using var b = new MinibatchDiscrimination(10, 3, 2, seed: 5);
        using var c = new MinibatchDiscrimination(10, 3, 2, seed: 6);

        Tensor ka = a.parameters().Single(), kb = b.parameters().Single(), kc = c.parameters().Single();

        ka.shape.Should().Equal(10, 6);
        ka.eq(kb).all().item<bool>().Should().BeTrue();
        ka.eq(kc).all().item<bool>().Should().BeFalse();
        ka.std().item<float>().Should().BeInRange(0.01f, 0.03f, "drawn from N(0, 0.02)");
    }

    [Fact]
    public void Discriminator_WithIt_ScoresEachImageAgainstItsBatch()
    {
        using var discriminator = new Discriminator(WithLayer, seed: 3);
        discriminator.eval(); // running statistics: without the layer each logit would depend on its own image alone
        using Tensor images = rand(4, 1, 28, 28) * 2 - 1;
        using Tensor changed = images.clone();
        changed[3].neg_();

        using Tensor logits = discriminator.call(images);
        using Tensor changedLogits = discriminator.call(changed);
        using var plain = new Discriminator(WithLayer with { Discriminator = WithLayer.Discriminator with { Pieces = [] } }, seed: 3);
        plain.eval();
        using Tensor plainLogits = plain.call(images);
        using Tensor plainChanged = plain.call(changed);

        logits.eq(changedLogits).data<bool>().ToArray().Should().Equal([false, false, false, false], "every image is compared with the changed one");
        plainLogits.eq(plainChanged).data<bool>().ToArray().Should().Equal([true, true, true, false]);
    }

    [Fact]
    public void Discriminator_WithIt_KeepsTheConvolutionsInitialWeights()
    {
        using var with = new Discriminator(WithLayer, seed: 3);
        using var without = new Discriminator(WithLayer with { Discriminator = WithLayer.Discriminator with { Pieces = [] } }, seed: 3);

        Tensor first = with.named_parameters().First(p => p.name == "main.0.weight").parameter;
        Tensor plainFirst = without.named_parameters().First(p => p.name == "main.0.weight").parameter;

        first.eq(plainFirst).all().item<bool>().Should().BeTrue("the layer draws from its own stream");
    }

    [Fact]
    public void Discriminator_WithIt_SurvivesASaveAndLoad()
    {
        using var discriminator = new Discriminator(WithLayer with { Discriminator = WithLayer.Discriminator with { Pieces = [new MinibatchStdDevPiece(), .. WithLayer.Discriminator.Pieces] } }, seed: 3);
        using Tensor images = rand(5, 1, 28, 28) * 2 - 1;

        (Discriminator loadedCopy, IReadOnlyDictionary<string, string> metadata) = DiscriminatorRoundTrip.Of(discriminator);
        using Discriminator loaded = loadedCopy;
        discriminator.eval();
        using Tensor expected = discriminator.call(images);
        using Tensor actual = loaded.call(images);

        loaded.Architecture.Should().Be(WithLayer.Discriminator with { Pieces = [new MinibatchStdDevPiece(), .. WithLayer.Discriminator.Pieces] });
        metadata["discriminator"].Should().Contain("\"name\":\"minibatch-discrimination\",\"Kernels\":6,\"KernelDimensions\":3");
        actual.eq(expected).all().item<bool>().Should().BeTrue();
    }

    [Theory]
    [InlineData(-1, 5, "Kernels", "was -1")]
    [InlineData(513, 5, "Kernels", "was 513")]
    [InlineData(50, 0, "KernelDimensions", "was 0")]
    public void Architecture_SizesOutsideTheirRange_AreReported(int kernels, int dimensions, string name, string value)
    {
        IReadOnlyList<string> errors = new DcganArchitecture { Discriminator = new() { Pieces = [new MinibatchDiscriminationPiece { Kernels = kernels, KernelDimensions = dimensions }] } }.Validate();

        errors.Should().ContainSingle().Which.Should().Contain(name).And.Contain(value);
    }

    [Fact]
    public void Architecture_Equality_CoversBothSizes()
    {
        var a = new DcganArchitecture { Discriminator = new() { Pieces = [new MinibatchDiscriminationPiece { Kernels = 50 }] } };

        a.Should().NotBe(a with { Discriminator = a.Discriminator with { Pieces = [new MinibatchDiscriminationPiece { Kernels = 40 }] } });
        a.Should().NotBe(a with { Discriminator = a.Discriminator with { Pieces = [] } });
        a.Should().Be(new DcganArchitecture { Discriminator = new() { Pieces = [new MinibatchDiscriminationPiece { Kernels = 50 }] } });
        a.GetHashCode().Should().Be(new DcganArchitecture { Discriminator = new() { Pieces = [new MinibatchDiscriminationPiece { Kernels = 50 }] } }.GetHashCode());
    }
}
