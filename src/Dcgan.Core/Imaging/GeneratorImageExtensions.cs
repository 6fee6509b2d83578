using Dcgan.Models;
using SixLabors.ImageSharp;
using static TorchSharp.torch;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Imaging;

/// <summary>
/// The embedding API: images from a trained <see cref="Generator"/> as ImageSharp images, PNG bytes,
/// grids, raw pixels and interpolation strips, without touching TorchSharp. Safe to call from many
/// threads on one generator; each result depends only on its seed or latent vectors.
/// </summary>
public static class GeneratorImageExtensions
{
    /// <summary>Generates <paramref name="count"/> images (grayscale <c>L8</c> or RGB <c>Rgb24</c>) from <paramref name="seed"/>.</summary>
    /// <param name="generator">A trained generator.</param>
    /// <param name="count">How many images.</param>
    /// <param name="seed">Seed of the noise; the same seed gives the same images.</param>
    /// <param name="label">For a class-conditional generator, the class every image shows (see <see cref="Generator.LabelOf(string)"/>); null cycles through the classes. Must be null for an unconditional generator.</param>
    /// <returns>New images owned by the caller.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive, or <paramref name="label"/> is not a class of the generator.</exception>
    public static IReadOnlyList<Image> GenerateImages(this Generator generator, int count, long seed = 0, int? label = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        using Tensor images = generator.Generate(count, seed, label);
        return Split(images);
    }

    /// <summary>Generates one image per latent vector.</summary>
    /// <param name="generator">A trained generator.</param>
    /// <param name="latentVectors">Vectors of <see cref="DcganArchitecture.LatentSize"/> values each.</param>
    /// <returns>New images owned by the caller.</returns>
    /// <exception cref="ArgumentException">A vector has the wrong length, or there are none.</exception>
    public static IReadOnlyList<Image> GenerateImages(this Generator generator, IReadOnlyList<float[]> latentVectors)
    {
        ArgumentNullException.ThrowIfNull(generator);
        using Tensor noise = ToNoise(generator, latentVectors);
        using Tensor images = generator.Generate(noise);
        return Split(images);
    }

    /// <summary>Generates <paramref name="count"/> images as PNG files in memory.</summary>
    /// <param name="generator">A trained generator.</param>
    /// <param name="count">How many images.</param>
    /// <param name="seed">Seed of the noise.</param>
    /// <param name="label">For a class-conditional generator, the class every image shows (see <see cref="Generator.LabelOf(string)"/>); null cycles through the classes. Must be null for an unconditional generator.</param>
    /// <returns>One PNG per image.</returns>
    public static IReadOnlyList<byte[]> GeneratePngs(this Generator generator, int count, long seed = 0, int? label = null)
    {
        IReadOnlyList<Image> images = generator.GenerateImages(count, seed, label);
        try
        {
            return images.Select(ToPng).ToArray();
        }
        finally
        {
            foreach (Image image in images)
                image.Dispose();
        }
    }

    /// <summary>Generates <paramref name="count"/> images laid out in one grid, as PNG bytes.</summary>
    /// <param name="generator">A trained generator.</param>
    /// <param name="count">How many images.</param>
    /// <param name="seed">Seed of the noise.</param>
    /// <param name="columns">Images per row; 0 for a square-ish grid.</param>
    /// <param name="label">For a class-conditional generator, the class every image shows (see <see cref="Generator.LabelOf(string)"/>); null cycles through the classes. Must be null for an unconditional generator.</param>
    /// <returns>The PNG.</returns>
    public static byte[] GenerateGridPng(this Generator generator, int count, long seed = 0, int columns = 0, int? label = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        using Tensor images = generator.Generate(count, seed, label);
        using Image grid = TensorImages.ToGrid(images, columns > 0 ? columns : (int)Math.Ceiling(Math.Sqrt(count)));
        return ToPng(grid);
    }

    /// <summary>Generates <paramref name="count"/> images as raw bytes (0 = black), channel-major then row-major.</summary>
    /// <param name="generator">A trained generator.</param>
    /// <param name="count">How many images.</param>
    /// <param name="seed">Seed of the noise.</param>
    /// <param name="label">For a class-conditional generator, the class every image shows (see <see cref="Generator.LabelOf(string)"/>); null cycles through the classes. Must be null for an unconditional generator.</param>
    /// <returns>One array of <c>Channels x ImageSize x ImageSize</c> bytes per image.</returns>
    public static byte[][] GeneratePixels(this Generator generator, int count, long seed = 0, int? label = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        using Tensor images = generator.Generate(count, seed, label);
        byte[] all = TensorImages.ToBytes(images);
        int size = all.Length / count;
        return Enumerable.Range(0, count).Select(i => all.AsSpan(i * size, size).ToArray()).ToArray();
    }

    /// <summary>
    /// Walks the latent space in a straight line from the noise of <paramref name="fromSeed"/> to that of
    /// <paramref name="toSeed"/> and lays the <paramref name="steps"/> images out in one row.
    /// </summary>
    /// <param name="generator">A trained generator.</param>
    /// <param name="fromSeed">Seed of the first image's noise.</param>
    /// <param name="toSeed">Seed of the last image's noise.</param>
    /// <param name="steps">Images in the strip, at least 2.</param>
    /// <param name="label">For a class-conditional generator, the class the whole strip shows (null means the first class). Must be null for an unconditional generator.</param>
    /// <returns>The strip, owned by the caller.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is less than 2, or <paramref name="label"/> is not a class of the generator.</exception>
    public static Image Interpolate(this Generator generator, long fromSeed, long toSeed, int steps = 10, int? label = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        using var scope = NewDisposeScope();
        Tensor from = generator.SampleNoise(1, fromSeed);
        Tensor to = generator.SampleNoise(1, toSeed);
        Tensor weights = linspace(0, 1, steps).view(steps, 1, 1, 1);
        Tensor noise = from * (1 - weights) + to * weights;
        // A conditional strip shows one class throughout: the first unless another is asked for.
        Tensor images = generator.GenerateWithLabel(noise, label ?? (generator.Architecture.IsConditional ? 0 : null));
        return TensorImages.ToGrid(images, columns: steps);
    }

    /// <summary>
    /// A class grid from a class-conditional generator: one row per class in label order, <paramref name="perClass"/>
    /// images per row. Column <c>j</c> uses the same noise in every row, so a column shows one style across all classes.
    /// </summary>
    /// <param name="generator">A trained class-conditional generator.</param>
    /// <param name="perClass">Images per row (class).</param>
    /// <param name="seed">Seed of the noise.</param>
    /// <returns>The grid, owned by the caller.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="perClass"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">The generator is not class-conditional.</exception>
    public static Image GenerateClassGrid(this Generator generator, int perClass = 10, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perClass);
        int classes = generator.Architecture.ClassCount;
        if (classes == 0)
            throw new InvalidOperationException("A class grid needs a class-conditional generator; this one is unconditional.");
        using var scope = NewDisposeScope();
        Tensor noise = generator.SampleNoise(perClass, seed).repeat(classes, 1, 1, 1);
        Tensor labels = arange(classes, ScalarType.Int64).repeat_interleave(perClass);
        Tensor images = generator.Generate(noise, labels);
        return TensorImages.ToGrid(images, columns: perClass);
    }

    /// <summary>Like <see cref="GenerateClassGrid"/>, as PNG bytes.</summary>
    /// <param name="generator">A trained class-conditional generator.</param>
    /// <param name="perClass">Images per row (class).</param>
    /// <param name="seed">Seed of the noise.</param>
    /// <returns>The PNG.</returns>
    public static byte[] GenerateClassGridPng(this Generator generator, int perClass = 10, long seed = 0)
    {
        using Image grid = generator.GenerateClassGrid(perClass, seed);
        return ToPng(grid);
    }

    /// <summary>Like <see cref="Interpolate"/>, as PNG bytes.</summary>
    /// <param name="generator">A trained generator.</param>
    /// <param name="fromSeed">Seed of the first image's noise.</param>
    /// <param name="toSeed">Seed of the last image's noise.</param>
    /// <param name="steps">Images in the strip, at least 2.</param>
    /// <param name="label">For a class-conditional generator, the class of the strip (null: the first class).</param>
    /// <returns>The PNG.</returns>
    public static byte[] InterpolatePng(this Generator generator, long fromSeed, long toSeed, int steps = 10, int? label = null)
    {
        using Image strip = generator.Interpolate(fromSeed, toSeed, steps, label);
        return ToPng(strip);
    }

    private static Tensor ToNoise(Generator generator, IReadOnlyList<float[]> latentVectors)
    {
        ArgumentNullException.ThrowIfNull(latentVectors);
        int latent = generator.Architecture.LatentSize;
        if (latentVectors.Count == 0)
            throw new ArgumentException("At least one latent vector is needed.", nameof(latentVectors));
        var flat = new float[latentVectors.Count * latent];
        for (int i = 0; i < latentVectors.Count; i++)
        {
            float[] vector = latentVectors[i] ?? throw new ArgumentException($"Latent vector {i} is null.", nameof(latentVectors));
            if (vector.Length != latent)
                throw new ArgumentException($"Latent vector {i} has {vector.Length} values; this generator takes {latent}.", nameof(latentVectors));
            vector.CopyTo(flat, i * latent);
        }
        return tensor(flat, [latentVectors.Count, latent]);
    }

    private static Image[] Split(Tensor images)
    {
        var result = new Image[images.shape[0]];
        for (int i = 0; i < result.Length; i++)
        {
            using Tensor one = images[i];
            result[i] = TensorImages.ToImage(one);
        }
        return result;
    }

    private static byte[] ToPng(Image image)
    {
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
