using Dcgan.Inference;

namespace Dcgan.Mnist.Pretrained;

/// <summary>
/// The pretrained MNIST generator shipped inside Dcgan.Mnist, so an app can make digits without training.
/// How it was made, its evaluator numbers, intended use and limits: <c>models/MODEL_CARD.md</c>.
/// </summary>
public static class MnistPretrained
{
    /// <summary>The embedded resource holding the generator file (format 3).</summary>
    private const string GeneratorResource = "Dcgan.Mnist.Pretrained.mnist-generator.dcgan";

    /// <summary>The embedded resource holding the class-conditional generator file (format 3).</summary>
    private const string ConditionalGeneratorResource = "Dcgan.Mnist.Pretrained.mnist-conditional-generator.dcgan";

    /// <summary>Loads the pretrained 28x28 MNIST generator.</summary>
    /// <returns>The generator served on TorchSharp (its network in evaluation mode on the CPU), owned by the caller.</returns>
    /// <exception cref="InvalidOperationException">The resource is missing from the assembly.</exception>
    public static TorchImageGenerator LoadGenerator() => Load(GeneratorResource);

    /// <summary>
    /// Loads the pretrained class-conditional 28x28 MNIST generator: ask it for a digit with
    /// <c>generator.GenerateDigit(digit: 7, count: 16)</c> (see <see cref="MnistGeneratorExtensions"/>).
    /// </summary>
    /// <returns>The generator served on TorchSharp (its network in evaluation mode on the CPU), owned by the caller.</returns>
    /// <exception cref="InvalidOperationException">The resource is missing from the assembly.</exception>
    public static TorchImageGenerator LoadConditionalGenerator() => Load(ConditionalGeneratorResource);

    private static TorchImageGenerator Load(string resource)
    {
        using Stream stream = typeof(MnistPretrained).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The pretrained generator '{resource}' is missing from {typeof(MnistPretrained).Assembly.GetName().Name}.");
        return TorchImageGenerator.Load(stream);
    }
}
