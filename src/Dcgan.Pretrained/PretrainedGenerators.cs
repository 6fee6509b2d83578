namespace Dcgan.Pretrained;

/// <summary>
/// The pretrained generators shipped with Dcgan, as generator files (<c>.dcgan</c>) any backend loads:
/// <c>OnnxImageGenerator.Load(PretrainedGenerators.Open(PretrainedGenerators.Mnist))</c> without libtorch, or
/// <c>TorchImageGenerator.Load(...)</c> on TorchSharp (Dcgan.Mnist's <c>MnistPretrained</c> does that). Their model cards
/// are <c>models/MODEL_CARD.md</c>, <c>models/MODEL_CARD_CONDITIONAL.md</c> and <c>models/MODEL_CARD_FASHION.md</c>.
/// </summary>
public static class PretrainedGenerators
{
    /// <summary>The 28x28 MNIST digit generator (unconditional).</summary>
    public const string Mnist = "mnist-generator";

    /// <summary>The 28x28 MNIST digit generator conditioned on the digit (classes <c>"0"</c> to <c>"9"</c>).</summary>
    public const string MnistConditional = "mnist-conditional-generator";

    /// <summary>The 28x28 Fashion-MNIST clothing generator (unconditional).</summary>
    public const string FashionMnist = "fashion-mnist-generator";

    /// <summary>Every name <see cref="Open"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [Mnist, MnistConditional, FashionMnist];

    /// <summary>Opens a pretrained generator file for reading.</summary>
    /// <param name="name">One of <see cref="Names"/>, for example <see cref="Mnist"/>.</param>
    /// <returns>A read-only stream of the generator file, owned by the caller.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of <see cref="Names"/>.</exception>
    /// <exception cref="InvalidOperationException">The file is missing from the assembly (a broken build).</exception>
    public static Stream Open(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Names.Contains(name))
            throw new ArgumentException($"There is no pretrained generator '{name}'; the names are {string.Join(", ", Names)}.", nameof(name));
        string resource = $"Dcgan.Pretrained.{name}.dcgan";
        return typeof(PretrainedGenerators).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The pretrained generator '{resource}' is missing from {typeof(PretrainedGenerators).Assembly.GetName().Name}.");
    }
}
