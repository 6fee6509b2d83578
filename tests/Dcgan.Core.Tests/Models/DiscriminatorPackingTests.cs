using Dcgan.Models;
using static TorchSharp.torch;

namespace Dcgan.Core.Tests.Models;

public sealed class DiscriminatorPackingTests
{
    private static readonly DcganArchitecture Packed = new DcganArchitecture { Discriminator = new() { FeatureMaps = 8, Packing = 2, Pieces = [] } };

    [Fact]
    public void Forward_GivesOneLogitPerPackOfConsecutiveImages()
    {
        using var discriminator = new Discriminator(Packed, seed: 3);
        discriminator.eval(); // running statistics, so each pack's logit depends on that pack alone
        using Tensor images = rand(6, 1, 28, 28) * 2 - 1;
        using Tensor changed = images.clone();
        changed[3].neg_(); // the second image of the second pack

        using Tensor logits = discriminator.call(images);
        using Tensor changedLogits = discriminator.call(changed);

        logits.shape.Should().Equal(3);
        using Tensor same = logits.eq(changedLogits);
        same.data<bool>().ToArray().Should().Equal([true, false, true], "only the pack holding the changed image is scored differently");
    }

    [Fact]
    public void Forward_BatchThatIsNotAMultipleOfThePacking_IsRejectedNamingBoth()
    {
        using var discriminator = new Discriminator(Packed);
        using Tensor images = zeros(5, 1, 28, 28);

        Action act = () => discriminator.call(images).Dispose();

        act.Should().Throw<ArgumentException>().WithMessage("*packs of 2*multiple of 2*holds 5*");
    }

    [Fact]
    public void Discriminator_WithPacking_SurvivesASaveAndLoad()
    {
        using var discriminator = new Discriminator(Packed with { Shape = Packed.Shape with { ClassNames = ["a", "b"] } }, seed: 3);
        using Tensor images = rand(4, 1, 28, 28) * 2 - 1;
        using Tensor labels = tensor(new long[] { 0, 1, 1, 0 });

        (Discriminator loadedCopy, IReadOnlyDictionary<string, string> metadata) = DiscriminatorRoundTrip.Of(discriminator);
        using Discriminator loaded = loadedCopy;
        discriminator.eval();
        using Tensor expected = discriminator.forward(images, labels);
        using Tensor actual = loaded.forward(images, labels);

        loaded.Architecture.Packing.Should().Be(2);
        metadata["discriminator"].Should().Contain("\"Packing\":2");
        actual.shape.Should().Equal(2);
        actual.eq(expected).all().item<bool>().Should().BeTrue();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public void Architecture_PackingOutsideItsRange_IsReported(int packing)
    {
        IReadOnlyList<string> errors = new DcganArchitecture { Discriminator = new() { Packing = packing, Pieces = [] } }.Validate();

        errors.Should().ContainSingle().Which.Should().Contain("Discriminator.Packing").And.Contain($"was {packing}");
    }
}
