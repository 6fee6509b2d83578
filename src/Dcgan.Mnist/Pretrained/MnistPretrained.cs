using Dcgan.Inference;
using Dcgan.Pretrained;

namespace Dcgan.Mnist.Pretrained;

/// <summary>
/// The pretrained MNIST and Fashion-MNIST generators (from Dcgan.Pretrained) on TorchSharp, so an app can make digits without training.
/// How it was made, its evaluator numbers, intended use and limits: <c>models/MODEL_CARD.md</c>.
/// </summary>
public static class MnistPretrained
{
    /// <summary>Loads the pretrained 28x28 MNIST generator.</summary>
    /// <returns>The generator served on TorchSharp (its network in evaluation mode on the CPU), owned by the caller.</returns>
    /// <exception cref="InvalidOperationException">The resource is missing from the assembly.</exception>
    public static TorchImageGenerator LoadGenerator() => Load(PretrainedGenerators.Mnist);

    /// <summary>
    /// Loads the pretrained class-conditional 28x28 MNIST generator: ask it for a digit with
    /// <c>generator.GenerateDigit(digit: 7, count: 16)</c> (see <see cref="MnistGeneratorExtensions"/>).
    /// </summary>
    /// <returns>The generator served on TorchSharp (its network in evaluation mode on the CPU), owned by the caller.</returns>
    /// <exception cref="InvalidOperationException">The resource is missing from the assembly.</exception>
    public static TorchImageGenerator LoadConditionalGenerator() => Load(PretrainedGenerators.MnistConditional);

    /// <summary>Loads the pretrained 28x28 Fashion-MNIST generator (<c>models/MODEL_CARD_FASHION.md</c>).</summary>
    /// <returns>The generator served on TorchSharp (its network in evaluation mode on the CPU), owned by the caller.</returns>
    /// <exception cref="InvalidOperationException">The resource is missing from the assembly.</exception>
    public static TorchImageGenerator LoadFashionGenerator() => Load(PretrainedGenerators.FashionMnist);

    private static TorchImageGenerator Load(string name)
    {
        using Stream stream = PretrainedGenerators.Open(name);
        return TorchImageGenerator.Load(stream);
    }
}
