using Dcgan.Inference;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Dcgan.Imaging;

/// <summary>An <see cref="ImageBatch"/> as bytes, ImageSharp images and grids, through <see cref="PixelBytes"/>.</summary>
public static class ImageBatchImages
{
    /// <summary>All pixels as bytes (0 = black), NCHW.</summary>
    /// <param name="batch">The images.</param>
    /// <returns><c>Count * Channels * Height * Width</c> bytes.</returns>
    public static byte[] ToBytes(this ImageBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return PixelBytes.FromValues(batch.Pixels);
    }

    /// <summary>Image <paramref name="index"/> as a grayscale (<see cref="L8"/>) or RGB (<see cref="Rgb24"/>) image.</summary>
    /// <param name="batch">The images.</param>
    /// <param name="index">From 0 to <c>Count - 1</c>.</param>
    /// <returns>A new image owned by the caller.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public static Image ToImage(this ImageBatch batch, int index)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return FromPlanar(PixelBytes.FromValues(batch.Image(index)), batch.Channels, batch.Width, batch.Height);
    }

    /// <summary>Every image of the batch, in order.</summary>
    /// <param name="batch">The images.</param>
    /// <returns>New images owned by the caller.</returns>
    public static IReadOnlyList<Image> ToImages(this ImageBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Enumerable.Range(0, batch.Count).Select(batch.ToImage).ToArray();
    }

    /// <summary>
    /// Lays the images out in a grid, row by row, with black padding between cells (as torchvision's
    /// <c>make_grid</c>).
    /// </summary>
    /// <param name="batch">The images.</param>
    /// <param name="columns">Images per row.</param>
    /// <param name="padding">Pixels between cells and around the border.</param>
    /// <returns>A new image owned by the caller.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is not positive or <paramref name="padding"/> is negative.</exception>
    public static Image ToGrid(this ImageBatch batch, int columns = 8, int padding = 2)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);

        int count = batch.Count, channels = batch.Channels, height = batch.Height, width = batch.Width;
        int cols = Math.Min(columns, count), rows = (count + cols - 1) / cols;
        int gridWidth = cols * (width + padding) + padding, gridHeight = rows * (height + padding) + padding;

        byte[] source = batch.ToBytes();
        byte[] planar = new byte[channels * gridHeight * gridWidth];
        for (int n = 0; n < count; n++)
        {
            int top = padding + n / cols * (height + padding), left = padding + n % cols * (width + padding);
            for (int c = 0; c < channels; c++)
            {
                for (int y = 0; y < height; y++)
                {
                    Array.Copy(
                        source, ((n * channels + c) * height + y) * width,
                        planar, (c * gridHeight + top + y) * gridWidth + left,
                        width);
                }
            }
        }
        return FromPlanar(planar, channels, gridWidth, gridHeight);
    }

    internal static byte[] ToPng(this Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    private static Image FromPlanar(byte[] planar, int channels, int width, int height)
    {
        if (channels == 1)
            return Image.LoadPixelData<L8>(planar, width, height);

        int plane = width * height;
        var interleaved = new byte[plane * 3];
        for (int i = 0; i < plane; i++)
        {
            interleaved[i * 3] = planar[i];
            interleaved[i * 3 + 1] = planar[plane + i];
            interleaved[i * 3 + 2] = planar[2 * plane + i];
        }
        return Image.LoadPixelData<Rgb24>(interleaved, width, height);
    }
}
