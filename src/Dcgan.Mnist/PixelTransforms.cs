using Dcgan.Models;
using Dcgan.Data;
using Dcgan.Imaging;
using static TorchSharp.torch;

namespace Dcgan.Mnist;

/// <summary>
/// MNIST pixels to model tensors and back. Bytes 0..255 map to [-1, 1] (<c>x = b / 127.5 - 1</c>, black
/// is -1), matching the generator's <c>tanh</c> output; the way back clamps and rounds, so bytes survive a
/// round trip. Tensors to ImageSharp images and grids: <see cref="TensorImages"/> in Dcgan.Core.
/// </summary>
/// <remarks>
/// Sizes: 28 px is MNIST as published; other sizes follow Core's <see cref="ImageFitting"/> rule (at 32 px a 2-pixel
/// black border, as LeNet-5 used MNIST; at 64 px bilinear), which the evaluator undoes by the same rule.
/// </remarks>
public static class PixelTransforms
{
    /// <summary>The side of an MNIST image as published.</summary>
    public const int MnistSide = 28;

    /// <summary>Converts <paramref name="count"/> 28x28 images of bytes to a tensor <c>[count, 1, size, size]</c> in [-1, 1].</summary>
    /// <param name="pixels">Row-major bytes, 784 per image.</param>
    /// <param name="count">Number of images.</param>
    /// <param name="imageSize">One of <see cref="ImageShape.SupportedImageSizes"/>.</param>
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
        return ImageFitting.Fit(images, imageSize).MoveToOuterDisposeScope();
    }

    private static void CheckSize(int imageSize)
    {
        if (!ImageShape.SupportedImageSizes.Contains(imageSize))
            throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, $"MNIST can be delivered at {string.Join(", ", ImageShape.SupportedImageSizes)} pixels.");
    }
}
