using System.Globalization;
using Dcgan.Imaging;
using Dcgan.Inference;

namespace Dcgan.Mnist;

/// <summary>Asks a class-conditional MNIST generator, on any backend, for a digit by value: <c>generator.GenerateDigit(digit: 7, count: 16)</c>.</summary>
public static class MnistGeneratorExtensions
{
    /// <summary>
    /// Generates <paramref name="count"/> images of <paramref name="digit"/> from seeded noise. Named apart from
    /// <see cref="GeneratorImageExtensions.Generate(IImageGenerator, int, long, int?)"/> so that <c>GenerateDigit(7, 16)</c>
    /// cannot be read as "7 images, seed 16".
    /// </summary>
    /// <param name="generator">A generator conditioned on the MNIST digits (for example <see cref="Pretrained.MnistPretrained.LoadConditionalGenerator"/>).</param>
    /// <param name="digit">The digit, 0 to 9.</param>
    /// <param name="count">How many images.</param>
    /// <param name="seed">Seed of the noise; the same seed gives the same images.</param>
    /// <returns>The images, <c>[count, 1, S, S]</c> in [-1, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="digit"/> is not 0 to 9, or <paramref name="count"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">The generator is not class-conditional.</exception>
    /// <exception cref="ArgumentException">The generator's classes do not include that digit.</exception>
    public static ImageBatch GenerateDigit(this IImageGenerator generator, int digit, int count, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return generator.Generate(count, seed, generator.LabelOfDigit(digit));
    }

    /// <summary>The label a class-conditional MNIST generator uses for <paramref name="digit"/>.</summary>
    /// <param name="generator">A generator conditioned on the MNIST digits.</param>
    /// <param name="digit">The digit, 0 to 9.</param>
    /// <returns>The label to pass to the image methods of <see cref="GeneratorImageExtensions"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="digit"/> is not 0 to 9.</exception>
    /// <exception cref="InvalidOperationException">The generator is not class-conditional.</exception>
    /// <exception cref="ArgumentException">The generator's classes do not include that digit.</exception>
    public static int LabelOfDigit(this IImageGenerator generator, int digit)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfNegative(digit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digit, 9);
        return generator.Description.LabelOf(digit.ToString(CultureInfo.InvariantCulture));
    }
}
