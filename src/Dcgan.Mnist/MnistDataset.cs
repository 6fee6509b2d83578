using Dcgan.Mnist.Datasets;
using Dcgan.Mnist.Idx;
using Dcgan.Mnist.Sources;

namespace Dcgan.Mnist;

/// <summary>
/// A data set in MNIST's layout, read from its four IDX files: by default the MNIST handwritten digits (LeCun, Cortes
/// and Burges; 60,000 training and 10,000 test images of 28x28 pixels with labels; CC BY-SA 3.0), or any other
/// <see cref="IdxDatasetSpec"/> such as Fashion-MNIST.
/// </summary>
public sealed class MnistDataset
{
    private MnistDataset(IdxDatasetSpec spec, MnistImageSet train, MnistImageSet test)
    {
        Spec = spec;
        Train = train;
        Test = test;
    }

    /// <summary>The class names of MNIST's labels: <c>"0"</c> to <c>"9"</c>, so label <c>d</c> is the digit <c>d</c>.</summary>
    public static IReadOnlyList<string> DigitNames => IdxDatasetSpec.Mnist.ClassNames;

    /// <summary>Which data set this is.</summary>
    public IdxDatasetSpec Spec { get; }

    /// <summary>The names of the labels: <see cref="DigitNames"/> for MNIST.</summary>
    public IReadOnlyList<string> ClassNames => Spec.ClassNames;

    /// <summary>The 60,000 training images.</summary>
    public MnistImageSet Train { get; }

    /// <summary>The 10,000 test images.</summary>
    public MnistImageSet Test { get; }

    /// <summary>Loads MNIST from a directory holding the four files (gzipped or raw); never downloads.</summary>
    /// <param name="directory">The directory.</param>
    /// <returns>The data set.</returns>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt or the files disagree.</exception>
    public static MnistDataset Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return Load(new MnistOptions { Directory = directory });
    }

    /// <summary>
    /// Loads the data set <paramref name="options"/> name (MNIST by default) from where they say: a named directory, the
    /// data set's environment variable (<c>DCGAN_MNIST_DIR</c>), or the per-user cache, downloading missing files there.
    /// Every file's IDX content is checked against the data set's SHA-256.
    /// </summary>
    /// <param name="options">Where to look; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels a download.</param>
    /// <returns>The data set.</returns>
    /// <exception cref="DirectoryNotFoundException">A named directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file is missing from a named directory, or from the cache with downloads off.</exception>
    /// <exception cref="IOException">Downloading failed on every mirror; the message lists each attempt.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt, is not the data set's (SHA-256), or the files disagree.</exception>
    public static MnistDataset Load(MnistOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MnistOptions();
        IdxDatasetSpec spec = options.Dataset ?? throw new ArgumentException("MnistOptions.Dataset is null; expected a data set such as IdxDatasetSpec.Mnist.", nameof(options));
        IReadOnlyDictionary<IdxFileSpec, string> paths = MnistLocator.Locate(options, cancellationToken);
        MnistImageSet train = ReadSet(spec, $"{spec.Name} train", (spec.TrainImages, paths[spec.TrainImages]), (spec.TrainLabels, paths[spec.TrainLabels]));
        MnistImageSet test = ReadSet(spec, $"{spec.Name} test", (spec.TestImages, paths[spec.TestImages]), (spec.TestLabels, paths[spec.TestLabels]));
        return new MnistDataset(spec, train, test);
    }

    private static MnistImageSet ReadSet(IdxDatasetSpec spec, string name, (IdxFileSpec Spec, string Path) imagesFile, (IdxFileSpec Spec, string Path) labelsFile)
    {
        string imagesPath = imagesFile.Path;
        string labelsPath = labelsFile.Path;
        IdxArray images = IdxReader.Read(imagesPath);
        IdxArray labels = IdxReader.Read(labelsPath);
        if (images.Dimensions.Count != 3 || images.Dimensions[1] != PixelTransforms.MnistSide || images.Dimensions[2] != PixelTransforms.MnistSide)
            throw new InvalidDataException($"'{imagesPath}' holds an array of dimensions [{string.Join(", ", images.Dimensions)}]; expected {spec.Name} images [N, 28, 28].");
        if (labels.Dimensions.Count != 1)
            throw new InvalidDataException($"'{labelsPath}' holds an array of dimensions [{string.Join(", ", labels.Dimensions)}]; expected labels [N].");
        if (images.Count != labels.Count)
            throw new InvalidDataException($"'{imagesPath}' holds {images.Count} images but '{labelsPath}' holds {labels.Count} labels; they must match.");
        int bad = Array.FindIndex(labels.Data, label => label >= spec.ClassNames.Count);
        if (bad >= 0)
            throw new InvalidDataException($"'{labelsPath}' has label {labels.Data[bad]} at index {bad} (offset {8 + bad}); expected {spec.Name}'s labels 0 to {spec.ClassNames.Count - 1}.");
        // Structure first, so that a broken file is named for what is wrong with it rather than for a checksum.
        imagesFile.Spec.Verify(images, imagesPath);
        labelsFile.Spec.Verify(labels, labelsPath);
        return new MnistImageSet(name, spec.ClassNames, images.Data, labels.Data);
    }
}
