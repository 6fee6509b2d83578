using Dcgan.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace Dcgan.Core.Tests.Imaging;

public sealed class TensorImagesTests
{
    [Fact]
    public void FromBytesThenToBytes_EveryByteValue_RoundTripsExactly()
    {
        byte[] all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        using Tensor values = TensorImages.FromBytes(all, 256);

        values.min().item<float>().Should().Be(-1f);
        values.max().item<float>().Should().Be(1f);
        TensorImages.ToBytes(values).Should().Equal(all);
    }

    [Fact]
    public void ToBytes_OutOfRangeValues_AreClamped()
    {
        using Tensor values = tensor(new float[] { -3f, -1f, 0f, 1f, 7f });

        TensorImages.ToBytes(values).Should().Equal(0, 0, 128, 255, 255);
    }

    [Fact]
    public void ToGrid_GrayscaleBatch_LaysImagesOutWithPadding()
    {
        using Tensor images = ones(5, 1, 4, 6);

        using Image grid = TensorImages.ToGrid(images, columns: 3, padding: 1);

        grid.Width.Should().Be(3 * (6 + 1) + 1);
        grid.Height.Should().Be(2 * (4 + 1) + 1);
        var pixels = grid.CloneAs<L8>();
        pixels[0, 0].PackedValue.Should().Be(0, "padding is black");
        pixels[1, 1].PackedValue.Should().Be(255, "cells hold the images");
        pixels[grid.Width - 2, grid.Height - 2].PackedValue.Should().Be(0, "the sixth cell is empty");
    }

    [Fact]
    public void ToImage_RgbImage_KeepsChannels()
    {
        using Tensor image = zeros(3, 2, 2) - 1;
        image[0].fill_(1);

        using Image result = TensorImages.ToImage(image);

        result.CloneAs<Rgb24>()[1, 1].Should().Be(new Rgb24(255, 0, 0));
    }

    [Fact]
    public void ToGrid_WrongShape_ThrowsNamingTheShape()
    {
        using Tensor images = zeros(2, 2, 4, 4);

        Action act = () => TensorImages.ToGrid(images);

        act.Should().Throw<ArgumentException>().WithMessage("*[2, 2, 4, 4]*");
    }
}
