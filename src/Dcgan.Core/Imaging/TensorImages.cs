using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace Dcgan.Imaging;

/// <summary>
/// Conversions between image tensors in [-1, 1] and bytes or ImageSharp images, and image grids.
/// </summary>
/// <remarks>
/// The mapping is <c>byte = round((x + 1) * 127.5)</c> clamped to [0, 255], and
/// <c>x = byte / 127.5 - 1</c>, so a byte survives a round trip unchanged.
/// </remarks>
public static class TensorImages
{
    /// <summary>Converts bytes (0 to 255) to a float32 tensor in [-1, 1] of the given shape.</summary>
    /// <param name="pixels">The pixel bytes, row-major.</param>
    /// <param name="shape">The shape of the result; its element count must equal the byte count.</param>
    /// <returns>A new CPU tensor owned by the caller.</returns>
    /// <exception cref="ArgumentException">The shape does not match the number of bytes.</exception>
    public static Tensor FromBytes(byte[] pixels, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(shape);
        long expected = shape.Aggregate(1L, (a, b) => a * b);
        if (expected != pixels.LongLength)
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] holds {expected} values, but {pixels.LongLength} bytes were given.", nameof(shape));
        using var scope = NewDisposeScope();
        Tensor result = tensor(pixels, shape).to_type(ScalarType.Float32).div_(127.5).sub_(1.0);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>Converts a tensor in [-1, 1] to bytes: clamped to the range, then rounded.</summary>
    /// <param name="images">Any tensor; values outside [-1, 1] are clamped.</param>
    /// <returns>The bytes in the tensor's row-major order.</returns>
    public static byte[] ToBytes(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        Tensor bytes = images.detach().cpu().to_type(ScalarType.Float32)
            .add(1.0).mul_(127.5).round_().clamp_(0, 255).to_type(ScalarType.Byte).contiguous();
        return bytes.data<byte>().ToArray();
    }

    /// <summary>Converts one image <c>[C, H, W]</c> (or <c>[1, C, H, W]</c>) in [-1, 1] to an ImageSharp image.</summary>
    /// <param name="image">A 1-channel (grayscale, <see cref="L8"/>) or 3-channel (RGB, <see cref="Rgb24"/>) image.</param>
    /// <returns>A new image owned by the caller.</returns>
    /// <exception cref="ArgumentException">The tensor is not a single 1- or 3-channel image.</exception>
    public static Image ToImage(Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var scope = NewDisposeScope();
        Tensor single = image.dim() == 4 && image.shape[0] == 1 ? image.squeeze(0) : image;
        if (single.dim() != 3 || single.shape[0] is not (1 or 3))
            throw new ArgumentException($"Expected one image [C, H, W] with 1 or 3 channels, but got shape [{string.Join(", ", image.shape)}].", nameof(image));
        return FromPlanar(ToBytes(single), (int)single.shape[0], (int)single.shape[2], (int)single.shape[1]);
    }

    /// <summary>
    /// Lays images <c>[N, C, H, W]</c> in [-1, 1] out in a grid, row by row, with black padding between
    /// cells (as torchvision's <c>make_grid</c>).
    /// </summary>
    /// <param name="images">The images; 1 or 3 channels.</param>
    /// <param name="columns">Images per row.</param>
    /// <param name="padding">Pixels between cells and around the border.</param>
    /// <returns>A new image owned by the caller.</returns>
    /// <exception cref="ArgumentException">The tensor is not a batch of 1- or 3-channel images.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is not positive or <paramref name="padding"/> is negative.</exception>
    public static Image ToGrid(Tensor images, int columns = 8, int padding = 2)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        if (images.dim() != 4 || images.shape[1] is not (1 or 3) || images.shape[0] == 0)
            throw new ArgumentException($"Expected a non-empty batch [N, C, H, W] with 1 or 3 channels, but got shape [{string.Join(", ", images.shape)}].", nameof(images));

        int count = (int)images.shape[0], channels = (int)images.shape[1];
        int height = (int)images.shape[2], width = (int)images.shape[3];
        int cols = Math.Min(columns, count), rows = (count + cols - 1) / cols;
        int gridWidth = cols * (width + padding) + padding, gridHeight = rows * (height + padding) + padding;

        byte[] source = ToBytes(images);
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
