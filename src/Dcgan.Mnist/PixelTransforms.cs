using Dcgan.Models;
using Dcgan.Imaging;
using static TorchSharp.torch;

namespace Dcgan.Mnist;

/// <summary>
/// MNIST pixels to model tensors and back. Bytes 0..255 map to [-1, 1] (<c>x = b / 127.5 - 1</c>, black
/// is -1), matching the generator's <c>tanh</c> output; the way back clamps and rounds, so bytes survive a
/// round trip. Tensors to ImageSharp images and grids: <see cref="TensorImages"/> in Dcgan.Core.
/// </summary>
/// <remarks>
/// Sizes: 28 px is MNIST as published; at 32 px each image is padded with 2 black pixels on every side
/// (as LeNet-5 used MNIST); at 64 px it is resized bilinearly (align corners off), which keeps values in
/// [-1, 1].
/// </remarks>
public static class PixelTransforms
{
    /// <summary>The side of an MNIST image as published.</summary>
    public const int MnistSide = 28;

    /// <summary>Converts <paramref name="count"/> 28x28 images of bytes to a tensor <c>[count, 1, size, size]</c> in [-1, 1].</summary>
    /// <param name="pixels">Row-major bytes, 784 per image.</param>
    /// <param name="count">Number of images.</param>
    /// <param name="imageSize">28, 32 (padded) or 64 (bilinear).</param>
    /// <returns>A new CPU float32 tensor owned by the caller.</returns>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> does not hold <paramref name="count"/> images.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="imageSize"/> is not supported.</exception>
    public static Tensor ToTensor(byte[] pixels, int count, int imageSize = MnistSide)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        CheckSize(imageSize);
        using var scope = NewDisposeScope();
        Tensor images = TensorImages.FromBytes(pixels, count, 1, MnistSide, MnistSide);
        return Resize(images, imageSize).MoveToOuterDisposeScope();
    }

    /// <summary>Brings 28x28 images <c>[N, 1, 28, 28]</c> in [-1, 1] to <paramref name="imageSize"/>.</summary>
    /// <param name="images">The images.</param>
    /// <param name="imageSize">28 (unchanged copy), 32 (2 px black border) or 64 (bilinear).</param>
    /// <returns>A new tensor owned by the caller.</returns>
    /// <exception cref="ArgumentException"><paramref name="images"/> is not <c>[N, 1, 28, 28]</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="imageSize"/> is not supported.</exception>
    public static Tensor Resize(Tensor images, int imageSize)
    {
        ArgumentNullException.ThrowIfNull(images);
        CheckSize(imageSize);
        if (images.dim() != 4 || images.shape[2] != MnistSide || images.shape[3] != MnistSide)
            throw new ArgumentException($"Expected MNIST images [N, C, 28, 28], but got shape [{string.Join(", ", images.shape)}].", nameof(images));
        return imageSize switch
        {
            28 => images.clone(),
            32 => nn.functional.pad(images, [2, 2, 2, 2], TorchSharp.PaddingModes.Constant, -1.0),
            _ => nn.functional.interpolate(images, [imageSize, imageSize], mode: InterpolationMode.Bilinear, align_corners: false),
        };
    }


    private static void CheckSize(int imageSize)
    {
        if (!ImageShape.SupportedImageSizes.Contains(imageSize))
            throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, $"MNIST can be delivered at {string.Join(", ", ImageShape.SupportedImageSizes)} pixels.");
    }
}
