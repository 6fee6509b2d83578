using Dcgan.Models;

namespace Dcgan.Mnist.Pretrained;

/// <summary>
/// The pretrained MNIST generator shipped inside Dcgan.Mnist, so an app can make digits without training.
/// How it was made, its evaluator numbers, intended use and limits: <c>models/MODEL_CARD.md</c>.
/// </summary>
public static class MnistPretrained
{
    /// <summary>The embedded resource holding the generator file (format 2).</summary>
    public const string GeneratorResource = "Dcgan.Mnist.Pretrained.mnist-generator.dcgan";

    /// <summary>Loads the pretrained 28x28 MNIST generator.</summary>
    /// <returns>A generator in evaluation mode on the CPU, owned by the caller.</returns>
    /// <exception cref="InvalidOperationException">The resource is missing from the assembly.</exception>
    public static Generator LoadGenerator()
    {
        using Stream stream = typeof(MnistPretrained).Assembly.GetManifestResourceStream(GeneratorResource)
            ?? throw new InvalidOperationException($"The pretrained generator '{GeneratorResource}' is missing from {typeof(MnistPretrained).Assembly.GetName().Name}.");
        return Generator.Load(stream);
    }
}
