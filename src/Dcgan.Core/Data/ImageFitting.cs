using Dcgan.Models;
using static TorchSharp.torch;

namespace Dcgan.Data;

/// <summary>
/// Fits square images to the size a network makes and back: the one rule that every data source and every evaluator
/// shares, so an evaluator undoes exactly what a data source did.
/// </summary>
/// <remarks>
/// A target a little larger than the images (at most a quarter more, an even difference: 28 to 32) gets an even black
/// border (-1), as LeNet-5 used MNIST, so every source pixel is kept as it was. Any other change of size is bilinear
/// (align corners off, values stay in [-1, 1]), antialiased when shrinking.
/// </remarks>
public static class ImageFitting
{
    /// <summary>Brings images <c>[N, C, S, S]</c> in [-1, 1] to <paramref name="imageSize"/>.</summary>
    /// <param name="images">Square images.</param>
    /// <param name="imageSize">One of <see cref="ImageShape.SupportedImageSizes"/>.</param>
    /// <returns>A new tensor <c>[N, C, imageSize, imageSize]</c> owned by the caller (a copy when the size already fits).</returns>
    /// <exception cref="ArgumentException"><paramref name="images"/> is not a batch of square images.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="imageSize"/> is not a supported size.</exception>
    public static Tensor Fit(Tensor images, int imageSize)
    {
        int side = SideOf(images);
        if (!ImageShape.SupportedImageSizes.Contains(imageSize))
            throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, $"Images can be fitted to {string.Join(", ", ImageShape.SupportedImageSizes)} pixels.");
        if (imageSize == side)
            return images.clone();
        if (IsBorder(side, imageSize))
        {
            long border = (imageSize - side) / 2;
            return nn.functional.pad(images, [border, border, border, border], TorchSharp.PaddingModes.Constant, -1.0);
        }
        return Resize(images, imageSize);
    }

    /// <summary>Undoes <see cref="Fit"/>: brings images made at any size back to the <paramref name="side"/> they were fitted from.</summary>
    /// <param name="images">Square images <c>[N, C, T, T]</c> in [-1, 1], for example a generator's output.</param>
    /// <param name="side">The images' original side (28 for MNIST).</param>
    /// <returns>A tensor <c>[N, C, side, side]</c> owned by the caller (an alias of <paramref name="images"/> when the size already fits).</returns>
    /// <exception cref="ArgumentException"><paramref name="images"/> is not a batch of square images.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="side"/> is not positive.</exception>
    public static Tensor FitBack(Tensor images, int side)
    {
        int size = SideOf(images);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(side);
        if (size == side)
            return images.alias();
        if (IsBorder(side, size))
        {
            int border = (size - side) / 2;
            return images[.., .., border..(border + side), border..(border + side)].contiguous();
        }
        return Resize(images, side);
    }

    /// <summary>Whether going from <paramref name="side"/> to <paramref name="size"/> adds a border rather than resizing.</summary>
    private static bool IsBorder(int side, int size) => size > side && (size - side) % 2 == 0 && (size - side) * 4 <= side;

    private static Tensor Resize(Tensor images, int size) =>
        nn.functional.interpolate(images, [size, size], mode: InterpolationMode.Bilinear, align_corners: false, antialias: size < images.shape[2]);

    private static int SideOf(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[2] != images.shape[3] || images.shape[2] <= 0)
            throw new ArgumentException($"Expected square images [N, C, S, S], but got shape [{string.Join(", ", images.shape)}].", nameof(images));
        return (int)images.shape[2];
    }
}
