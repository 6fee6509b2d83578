namespace Dcgan.Inference;

/// <summary>
/// Images as a generator makes them: <see cref="Count"/> images of <see cref="Channels"/> x <see cref="Height"/> x
/// <see cref="Width"/> float values in [-1, 1], image after image, channel-major then row-major (NCHW).
/// </summary>
public sealed class ImageBatch
{
    private readonly float[] pixels;

    /// <summary>Wraps <paramref name="pixels"/> (not copied) as a batch of the given shape.</summary>
    /// <param name="pixels">The values, NCHW.</param>
    /// <param name="count">Images.</param>
    /// <param name="channels">1 or 3.</param>
    /// <param name="height">Rows per image.</param>
    /// <param name="width">Columns per image.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pixels"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive, or <paramref name="channels"/> is not 1 or 3.</exception>
    /// <exception cref="ArgumentException">The value count does not match the shape.</exception>
    public ImageBatch(float[] pixels, int count, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Images have 1 (grayscale) or 3 (RGB) channels.");
        long expected = (long)count * channels * height * width;
        if (pixels.LongLength != expected)
            throw new ArgumentException($"A batch of {count} x {channels} x {height} x {width} holds {expected} values, but {pixels.LongLength} were given.", nameof(pixels));
        this.pixels = pixels;
        Count = count;
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>How many images.</summary>
    public int Count { get; }

    /// <summary>1 (grayscale) or 3 (RGB).</summary>
    public int Channels { get; }

    /// <summary>Rows per image.</summary>
    public int Height { get; }

    /// <summary>Columns per image.</summary>
    public int Width { get; }

    /// <summary>Values per image: <c>Channels * Height * Width</c>.</summary>
    public int ImageLength => Channels * Height * Width;

    /// <summary>All values, NCHW.</summary>
    public ReadOnlySpan<float> Pixels => pixels;

    /// <summary>The values of image <paramref name="index"/>, CHW.</summary>
    /// <param name="index">From 0 to <see cref="Count"/> - 1.</param>
    /// <returns>A view into the batch.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public ReadOnlySpan<float> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return pixels.AsSpan(index * ImageLength, ImageLength);
    }
}
