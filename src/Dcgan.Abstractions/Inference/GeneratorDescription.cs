namespace Dcgan.Inference;

/// <summary>What a generator is, as far as a user of its images needs to know: no layers, no tensors.</summary>
public sealed class GeneratorDescription
{
    /// <summary>Creates a description, checking that it can describe a generator.</summary>
    /// <param name="latentSize">Values per noise vector.</param>
    /// <param name="imageSize">Height and width of the images, in pixels.</param>
    /// <param name="channels">1 (grayscale) or 3 (RGB).</param>
    /// <param name="classNames">The classes of a class-conditional generator in label order; null or empty when unconditional.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or <paramref name="channels"/> is not 1 or 3.</exception>
    /// <exception cref="ArgumentException">A class name is null or repeated.</exception>
    public GeneratorDescription(int latentSize, int imageSize, int channels, IReadOnlyList<string>? classNames = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(latentSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageSize);
        if (channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "A generator makes 1-channel (grayscale) or 3-channel (RGB) images.");
        string[] names = classNames?.ToArray() ?? [];
        if (names.Any(n => n is null) || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            throw new ArgumentException($"Class names must be distinct and not null, but were [{string.Join(", ", names)}].", nameof(classNames));
        LatentSize = latentSize;
        ImageSize = imageSize;
        Channels = channels;
        ClassNames = names;
    }

    /// <summary>The pixel range every Dcgan generator produces: <c>tanh</c> output in [-1, 1].</summary>
    public const float PixelMin = Persistence.ModelMetadata.PixelMin;

    /// <summary>The upper end of the pixel range (see <see cref="PixelMin"/>).</summary>
    public const float PixelMax = Persistence.ModelMetadata.PixelMax;

    /// <summary>Values per noise vector.</summary>
    public int LatentSize { get; }

    /// <summary>Height and width of the images, in pixels.</summary>
    public int ImageSize { get; }

    /// <summary>1 (grayscale) or 3 (RGB).</summary>
    public int Channels { get; }

    /// <summary>The classes of a class-conditional generator in label order (label <c>i</c> is <c>ClassNames[i]</c>); empty when unconditional.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>How many classes the generator is conditioned on; 0 when unconditional.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>Whether the generator takes a class label beside its noise.</summary>
    public bool IsConditional => ClassCount > 0;

    /// <summary>The label index of the class called <paramref name="name"/>.</summary>
    /// <param name="name">A class name, such as <c>"7"</c> for an MNIST generator.</param>
    /// <returns>The label to pass to the image methods.</returns>
    /// <exception cref="InvalidOperationException">The generator is not class-conditional.</exception>
    /// <exception cref="ArgumentException">No class has that name; the message lists the names.</exception>
    public int LabelOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsConditional)
            throw new InvalidOperationException("This generator is not class-conditional, so it has no class names.");
        for (int i = 0; i < ClassNames.Count; i++)
        {
            if (ClassNames[i] == name)
                return i;
        }
        throw new ArgumentException($"This generator has no class '{name}'; its classes are {string.Join(", ", ClassNames)}.", nameof(name));
    }

    /// <summary>
    /// The labels the seeded image methods use: <paramref name="count"/> copies of <paramref name="label"/>, or
    /// <c>0, 1, …, ClassCount - 1, 0, 1, …</c> when it is null, so every class appears equally often.
    /// </summary>
    /// <param name="count">How many labels.</param>
    /// <param name="label">One class for all, or null to cycle through the classes.</param>
    /// <returns>The labels.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive, or <paramref name="label"/> is not a class index.</exception>
    /// <exception cref="InvalidOperationException">The generator is not class-conditional.</exception>
    public int[] LabelsFor(int count, int? label = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (!IsConditional)
            throw new InvalidOperationException("This generator is not class-conditional, so it takes no labels.");
        if (label is int l && (l < 0 || l >= ClassCount))
            throw new ArgumentOutOfRangeException(nameof(label), label, $"The label must be a class index from 0 to {ClassCount - 1} ({string.Join(", ", ClassNames)}).");
        return Enumerable.Range(0, count).Select(i => label ?? i % ClassCount).ToArray();
    }

    /// <summary>
    /// Checks the arguments of <see cref="IImageGenerator.Generate"/> against this description, so that every backend
    /// refuses the same inputs with the same messages.
    /// </summary>
    /// <param name="noise">The noise vectors.</param>
    /// <param name="labels">The labels, or null.</param>
    /// <returns>How many images the call makes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="noise"/> is null.</exception>
    /// <exception cref="ArgumentException">As documented on <see cref="IImageGenerator.Generate"/>.</exception>
    public int CheckGenerateArguments(float[] noise, int[]? labels)
    {
        ArgumentNullException.ThrowIfNull(noise);
        if (noise.Length == 0 || noise.Length % LatentSize != 0)
            throw new ArgumentException($"The noise must hold whole vectors of {LatentSize} values, but holds {noise.Length} values.", nameof(noise));
        int count = noise.Length / LatentSize;
        CheckLabels(count, labels);
        return count;
    }

    /// <summary>
    /// Checks the labels of a call that makes <paramref name="count"/> images: none for an unconditional generator; for a
    /// class-conditional one, one class index per image. The label half of <see cref="CheckGenerateArguments"/>, for
    /// backends whose noise arrives in another form (a tensor, say).
    /// </summary>
    /// <param name="count">How many images the call makes.</param>
    /// <param name="labels">The labels, or null.</param>
    /// <exception cref="ArgumentException">As documented on <see cref="IImageGenerator.Generate"/>.</exception>
    public void CheckLabels(int count, int[]? labels)
    {
        if (!IsConditional)
        {
            if (labels is not null)
                throw new ArgumentException("Labels were given, but this generator is not class-conditional.", nameof(labels));
            return;
        }
        if (labels is null)
            throw new ArgumentException($"This generator is class-conditional ({ClassCount} classes): give one label per noise vector.", nameof(labels));
        if (labels.Length != count)
            throw new ArgumentException($"Expected {count} labels, one per noise vector, but got {labels.Length}.", nameof(labels));
        foreach (int label in labels)
        {
            if (label < 0 || label >= ClassCount)
                throw new ArgumentException($"Every label must be from 0 to {ClassCount - 1}, but one is {label}.", nameof(labels));
        }
    }
}
