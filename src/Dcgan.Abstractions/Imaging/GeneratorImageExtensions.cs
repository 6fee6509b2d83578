using Dcgan.Inference;
using SixLabors.ImageSharp;

namespace Dcgan.Imaging;

/// <summary>
/// The embedding API: images from any <see cref="IImageGenerator"/> backend as image batches, ImageSharp images, PNG
/// bytes, grids, raw pixels, interpolation strips and class grids. Safe to call from many threads on one generator;
/// each result depends only on its seed or latent vectors.
/// </summary>
public static class GeneratorImageExtensions
{
    /// <summary>
    /// Generates <paramref name="count"/> images from seeded noise. For a class-conditional generator every image shows
    /// <paramref name="label"/>, or image <c>i</c> shows class <c>i % ClassCount</c> when it is null.
    /// </summary>
    /// <param name="generator">A trained generator.</param>
    /// <param name="count">How many images.</param>
    /// <param name="seed">Seed of the noise; the same seed gives the same images.</param>
    /// <param name="label">For a class-conditional generator, the class every image shows (see <see cref="GeneratorDescription.LabelOf(string)"/>); null cycles through the classes. Must be null for an unconditional generator.</param>
    /// <returns>The images.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive, or <paramref name="label"/> is not a class of the generator.</exception>
    /// <exception cref="ArgumentException"><paramref name="label"/> was given to an unconditional generator.</exception>
    public static ImageBatch Generate(this IImageGenerator generator, int count, long seed = 0, int? label = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return generator.Generate(generator.SampleNoise(count, seed), LabelsOrNone(generator.Description, count, label));
    }

    /// <summary>Generates <paramref name="count"/> images (grayscale <c>L8</c> or RGB <c>Rgb24</c>) from <paramref name="seed"/>.</summary>
    /// <param name="generator">A trained generator.</param>
    /// <param name="count">How many images.</param>
    /// <param name="seed">Seed of the noise; the same seed gives the same images.</param>
    /// <param name="label">For a class-conditional generator, the class every image shows; null cycles through the classes. Must be null for an unconditional generator.</param>
    /// <returns>New images owned by the caller.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive, or <paramref name="label"/> is not a class of the generator.</exception>
    public static IReadOnlyList<Image> GenerateImages(this IImageGenerator generator, int count, long seed = 0, int? label = null) =>
        generator.Generate(count, seed, label).ToImages();

    /// <summary>Generates one image per latent vector (a class-conditional generator cycles through its classes).</summary>
    /// <param name="generator">A trained generator.</param>
    /// <param name="latentVectors">Vectors of <see cref="GeneratorDescription.LatentSize"/> values each.</param>
    /// <returns>New images owned by the caller.</returns>
    /// <exception cref="ArgumentException">A vector has the wrong length or is null, or there are none.</exception>
    public static IReadOnlyList<Image> GenerateImages(this IImageGenerator generator, IReadOnlyList<float[]> latentVectors)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(latentVectors);
        GeneratorDescription description = generator.Description;
        int latent = description.LatentSize;
        if (latentVectors.Count == 0)
            throw new ArgumentException("At least one latent vector is needed.", nameof(latentVectors));
        var noise = new float[latentVectors.Count * latent];
        for (int i = 0; i < latentVectors.Count; i++)
        {
            float[] vector = latentVectors[i] ?? throw new ArgumentException($"Latent vector {i} is null.", nameof(latentVectors));
            if (vector.Length != latent)
                throw new ArgumentException($"Latent vector {i} has {vector.Length} values; this generator takes {latent}.", nameof(latentVectors));
            vector.CopyTo(noise, i * latent);
        }
        return generator.Generate(noise, LabelsOrNone(description, latentVectors.Count, null)).ToImages();
    }

    /// <summary>Generates <paramref name="count"/> images as PNG files in memory.</summary>
    /// <param name="generator">A trained generator.</param>
    /// <param name="count">How many images.</param>
    /// <param name="seed">Seed of the noise.</param>
    /// <param name="label">For a class-conditional generator, the class every image shows; null cycles through the classes. Must be null for an unconditional generator.</param>
    /// <returns>One PNG per image.</returns>
    public static IReadOnlyList<byte[]> GeneratePngs(this IImageGenerator generator, int count, long seed = 0, int? label = null)
    {
        IReadOnlyList<Image> images = generator.GenerateImages(count, seed, label);
        try
        {
            return images.Select(image => image.ToPng()).ToArray();
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
    /// <param name="label">For a class-conditional generator, the class every image shows; null cycles through the classes. Must be null for an unconditional generator.</param>
    /// <returns>The PNG.</returns>
    public static byte[] GenerateGridPng(this IImageGenerator generator, int count, long seed = 0, int columns = 0, int? label = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ImageBatch images = generator.Generate(count, seed, label);
        using Image grid = images.ToGrid(columns > 0 ? columns : (int)Math.Ceiling(Math.Sqrt(count)));
        return grid.ToPng();
    }

    /// <summary>Generates <paramref name="count"/> images as raw bytes (0 = black), channel-major then row-major.</summary>
    /// <param name="generator">A trained generator.</param>
    /// <param name="count">How many images.</param>
    /// <param name="seed">Seed of the noise.</param>
    /// <param name="label">For a class-conditional generator, the class every image shows; null cycles through the classes. Must be null for an unconditional generator.</param>
    /// <returns>One array of <c>Channels x ImageSize x ImageSize</c> bytes per image.</returns>
    public static byte[][] GeneratePixels(this IImageGenerator generator, int count, long seed = 0, int? label = null)
    {
        ImageBatch images = generator.Generate(count, seed, label);
        return Enumerable.Range(0, images.Count).Select(i => PixelBytes.FromValues(images.Image(i))).ToArray();
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
    public static Image Interpolate(this IImageGenerator generator, long fromSeed, long toSeed, int steps = 10, int? label = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 2);
        GeneratorDescription description = generator.Description;
        int latent = description.LatentSize;
        float[] from = generator.SampleNoise(1, fromSeed), to = generator.SampleNoise(1, toSeed);
        var noise = new float[steps * latent];
        for (int step = 0; step < steps; step++)
        {
            float weight = (float)step / (steps - 1);
            for (int i = 0; i < latent; i++)
                noise[step * latent + i] = from[i] * (1 - weight) + to[i] * weight;
        }
        // A conditional strip shows one class throughout: the first unless another is asked for.
        ImageBatch images = generator.Generate(noise, LabelsOrNone(description, steps, label ?? (description.IsConditional ? 0 : null)));
        return images.ToGrid(columns: steps);
    }

    /// <summary>Like <see cref="Interpolate"/>, as PNG bytes.</summary>
    /// <param name="generator">A trained generator.</param>
    /// <param name="fromSeed">Seed of the first image's noise.</param>
    /// <param name="toSeed">Seed of the last image's noise.</param>
    /// <param name="steps">Images in the strip, at least 2.</param>
    /// <param name="label">For a class-conditional generator, the class of the strip (null: the first class).</param>
    /// <returns>The PNG.</returns>
    public static byte[] InterpolatePng(this IImageGenerator generator, long fromSeed, long toSeed, int steps = 10, int? label = null)
    {
        using Image strip = generator.Interpolate(fromSeed, toSeed, steps, label);
        return strip.ToPng();
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
    public static Image GenerateClassGrid(this IImageGenerator generator, int perClass = 10, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perClass);
        GeneratorDescription description = generator.Description;
        if (!description.IsConditional)
            throw new InvalidOperationException("A class grid needs a class-conditional generator; this one is unconditional.");
        int classes = description.ClassCount;
        float[] row = generator.SampleNoise(perClass, seed);
        var noise = new float[classes * row.Length];
        var labels = new int[classes * perClass];
        for (int c = 0; c < classes; c++)
        {
            row.CopyTo(noise, c * row.Length);
            Array.Fill(labels, c, c * perClass, perClass);
        }
        return generator.Generate(noise, labels).ToGrid(columns: perClass);
    }

    /// <summary>Like <see cref="GenerateClassGrid"/>, as PNG bytes.</summary>
    /// <param name="generator">A trained class-conditional generator.</param>
    /// <param name="perClass">Images per row (class).</param>
    /// <param name="seed">Seed of the noise.</param>
    /// <returns>The PNG.</returns>
    public static byte[] GenerateClassGridPng(this IImageGenerator generator, int perClass = 10, long seed = 0)
    {
        using Image grid = generator.GenerateClassGrid(perClass, seed);
        return grid.ToPng();
    }

    /// <summary>The labels of a seeded call: none for an unconditional generator (which refuses a label), else <see cref="GeneratorDescription.LabelsFor"/>.</summary>
    private static int[]? LabelsOrNone(GeneratorDescription description, int count, int? label)
    {
        if (description.IsConditional)
            return description.LabelsFor(count, label);
        if (label is not null)
            throw new ArgumentException($"Label {label} was given, but this generator is not class-conditional.", nameof(label));
        return null;
    }
}
