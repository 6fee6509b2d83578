using Dcgan.Data;
using static TorchSharp.torch;

namespace Dcgan.Core.Tests.Data;

public sealed class ImageFittingTests
{
    private static Tensor Images(int side, int channels = 1)
    {
        using var random = new TorchSharp.torch.Generator(5);
        return rand([3, channels, side, side], generator: random) * 2 - 1;
    }

    [Fact]
    public void Fit_28To32_AddsAnEvenBlackBorder_AndFitBackGivesEveryPixelBack()
    {
        using Tensor original = Images(28);

        using Tensor fitted = ImageFitting.Fit(original, 32);
        using Tensor back = ImageFitting.FitBack(fitted, 28);

        fitted.shape.Should().Equal(3, 1, 32, 32);
        using Tensor top = fitted[.., .., 0..2, ..];
        using Tensor right = fitted[.., .., .., 30..32];
        top.eq(-1).all().item<bool>().Should().BeTrue();
        right.eq(-1).all().item<bool>().Should().BeTrue();
        back.eq(original).all().item<bool>().Should().BeTrue();
    }

    [Theory]
    [InlineData(28, 64)]
    [InlineData(64, 32)]
    [InlineData(64, 28)]
    public void Fit_OtherSizes_ResizeBilinearlyAndStayInRange(int side, int size)
    {
        using Tensor original = Images(side, channels: 3);

        using Tensor fitted = ImageFitting.Fit(original, size);

        fitted.shape.Should().Equal(3, 3, size, size);
        fitted.min().item<float>().Should().BeGreaterThanOrEqualTo(-1f);
        fitted.max().item<float>().Should().BeLessThanOrEqualTo(1f);
    }

    [Fact]
    public void FitBack_AfterAnUpscale_ComesBackToTheSideAndClose()
    {
        using Tensor original = Images(28);
        using Tensor smooth = nn.functional.avg_pool2d(nn.functional.pad(original, [1, 1, 1, 1], TorchSharp.PaddingModes.Replicate), 3, 1);

        using Tensor fitted = ImageFitting.Fit(smooth, 64);
        using Tensor back = ImageFitting.FitBack(fitted, 28);

        back.shape.Should().Equal(3, 1, 28, 28);
        (back - smooth).abs().mean().item<float>().Should().BeLessThan(0.05f, "a smooth image survives bilinear up and antialiased down");
    }

    [Fact]
    public void Fit_SameSize_IsACopyTheCallerOwns()
    {
        using Tensor original = Images(32);

        using Tensor fitted = ImageFitting.Fit(original, 32);
        fitted.add_(1);

        original.max().item<float>().Should().BeLessThanOrEqualTo(1f);
    }

    [Fact]
    public void Fit_UnsupportedSizeOrNonSquareImages_NamesWhatWasExpected()
    {
        using Tensor square = Images(28);
        using Tensor wide = zeros(2, 1, 28, 30);

        Action size = () => ImageFitting.Fit(square, 40).Dispose();
        Action shape = () => ImageFitting.Fit(wide, 32).Dispose();

        size.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*28, 32, 64*").And.ParamName.Should().Be("imageSize");
        shape.Should().Throw<ArgumentException>().WithMessage("*square*[2, 1, 28, 30]*");
    }
}
