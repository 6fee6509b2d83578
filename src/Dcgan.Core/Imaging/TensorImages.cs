using Dcgan.Inference;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace Dcgan.Imaging;

/// <summary>
/// Image tensors in [-1, 1] as bytes, ImageSharp images and grids: TorchSharp's side of
/// <see cref="ImageBatchImages"/>, through the same <see cref="PixelBytes"/> mapping.
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
        Tensor result = ToValues(tensor(pixels, shape));
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>Float32 values in [-1, 1] from pixel bytes (<c>b / 127.5 - 1</c>, black is -1); float32 tensors pass through.</summary>
    /// <param name="images">uint8 pixel bytes or float32 values; consumed when converted.</param>
    /// <returns>The values.</returns>
    internal static Tensor ToValues(Tensor images)
    {
        if (images.dtype != ScalarType.Byte)
            return images;
        using (images)
            return images.to_type(ScalarType.Float32).div_(127.5).sub_(1.0);
    }

    /// <summary>Converts a tensor in [-1, 1] to bytes (see <see cref="PixelBytes.FromValue"/>).</summary>
    /// <param name="images">Any tensor; values outside [-1, 1] are clamped.</param>
    /// <returns>The bytes in the tensor's row-major order.</returns>
    public static byte[] ToBytes(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return PixelBytes.FromValues(Values(images));
    }

    /// <summary>A batch <c>[N, C, H, W]</c> of 1- or 3-channel images as an <see cref="ImageBatch"/> (the values are copied to the CPU).</summary>
    /// <param name="images">The images.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentException">The tensor is not a non-empty batch of 1- or 3-channel images.</exception>
    public static ImageBatch ToBatch(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[1] is not (1 or 3) || images.shape[0] == 0)
            throw new ArgumentException($"Expected a non-empty batch [N, C, H, W] with 1 or 3 channels, but got shape [{string.Join(", ", images.shape)}].", nameof(images));
        return new ImageBatch(Values(images), (int)images.shape[0], (int)images.shape[1], (int)images.shape[2], (int)images.shape[3]);
    }

    /// <summary>Converts one image <c>[C, H, W]</c> (or <c>[1, C, H, W]</c>) in [-1, 1] to an ImageSharp image.</summary>
    /// <param name="image">A 1-channel (grayscale, <see cref="L8"/>) or 3-channel (RGB, <see cref="Rgb24"/>) image.</param>
    /// <returns>A new image owned by the caller.</returns>
    /// <exception cref="ArgumentException">The tensor is not a single 1- or 3-channel image.</exception>
    public static Image ToImage(Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        bool single = image.dim() == 3 || (image.dim() == 4 && image.shape[0] == 1);
        if (!single || image.shape[^3] is not (1 or 3))
            throw new ArgumentException($"Expected one image [C, H, W] with 1 or 3 channels, but got shape [{string.Join(", ", image.shape)}].", nameof(image));
        using Tensor batch = image.dim() == 3 ? image.unsqueeze(0) : image.alias();
        return ToBatch(batch).ToImage(0);
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
        return ToBatch(images).ToGrid(columns, padding);
    }

    private static float[] Values(Tensor images)
    {
        using Tensor values = images.detach().cpu().to_type(ScalarType.Float32).contiguous();
        return values.data<float>().ToArray();
    }
}
