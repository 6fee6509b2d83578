using Dcgan.Tests;
using static TorchSharp.torch;

namespace Dcgan.Mnist.Tests;

public sealed class PixelTransformsTests
{
    private static readonly MnistImageSet Sample = TestData.Mnist.Test.Take(16);

    [Fact]
    public void ToTensorThenToBytes_RealImages_RoundTripExactly()
    {
        using Tensor images = PixelTransforms.ToTensor(Sample.Pixels.ToArray(), Sample.Count);

        images.shape.Should().Equal(16, 1, 28, 28);
        images.min().item<float>().Should().Be(-1f);
        images.max().item<float>().Should().Be(1f);
        Dcgan.Imaging.TensorImages.ToBytes(images).Should().Equal(Sample.Pixels.ToArray());
    }

    [Fact]
    public void ToTensor_At32_PadsTwoBlackPixelsAroundTheOriginal()
    {
        using Tensor original = PixelTransforms.ToTensor(Sample.Pixels.ToArray(), Sample.Count, 28);
        using Tensor padded = PixelTransforms.ToTensor(Sample.Pixels.ToArray(), Sample.Count, 32);

        padded.shape.Should().Equal(16, 1, 32, 32);
        using Tensor centre = padded[.., .., 2..30, 2..30];
        centre.eq(original).all().item<bool>().Should().BeTrue();
        using Tensor border = padded[.., .., 0..2, ..];
        border.eq(-1).all().item<bool>().Should().BeTrue();
    }

    [Fact]
    public void ToTensor_At64_ResizesBilinearlyWithinRange()
    {
        using Tensor resized = PixelTransforms.ToTensor(Sample.Pixels.ToArray(), Sample.Count, 64);

        resized.shape.Should().Equal(16, 1, 64, 64);
        resized.min().item<float>().Should().BeGreaterThanOrEqualTo(-1f);
        resized.max().item<float>().Should().BeLessThanOrEqualTo(1f);
        // Ink stays where it was: the mean brightness barely moves.
        using Tensor original = PixelTransforms.ToTensor(Sample.Pixels.ToArray(), Sample.Count, 28);
        resized.mean().item<float>().Should().BeApproximately(original.mean().item<float>(), 0.02f);
    }

    [Fact]
    public void ToTensor_UnsupportedSize_ThrowsListingSupportedSizes()
    {
        Action act = () => PixelTransforms.ToTensor(Sample.Pixels.ToArray(), Sample.Count, 40);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*28, 32, 64*");
    }

    [Fact]
    public void ToTensor_WrongByteCount_Throws()
    {
        Action act = () => PixelTransforms.ToTensor(new byte[100], 1);

        act.Should().Throw<ArgumentException>().WithMessage("*784 values, but 100 bytes*");
    }
}
