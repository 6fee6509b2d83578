namespace Dcgan.Inference;

/// <summary>Noise for any <see cref="IImageGenerator"/>: one algorithm for every backend (<see cref="StandardNormalNoise"/>).</summary>
public static class ImageGeneratorNoise
{
    /// <summary>
    /// Draws <paramref name="count"/> noise vectors of the generator's latent size from N(0, 1) with <paramref name="seed"/>,
    /// by <see cref="StandardNormalNoise"/>: the same seed gives the same noise, and so the same images, on every backend.
    /// </summary>
    /// <param name="generator">The generator whose latent size is used.</param>
    /// <param name="count">How many vectors.</param>
    /// <param name="seed">Seed of the draw.</param>
    /// <returns><c>count * LatentSize</c> values, vector after vector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="generator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public static float[] SampleNoise(this IImageGenerator generator, int count, long seed)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return StandardNormalNoise.Sample(count, generator.Description.LatentSize, seed);
    }
}
