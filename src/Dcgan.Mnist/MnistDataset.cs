using Dcgan.Mnist.Idx;
using Dcgan.Mnist.Sources;

namespace Dcgan.Mnist;

/// <summary>
/// The MNIST handwritten digits (LeCun, Cortes and Burges): 60,000 training and 10,000 test images of
/// 28x28 pixels with labels. Data by Yann LeCun and Corinna Cortes, CC BY-SA 3.0.
/// </summary>
public sealed class MnistDataset
{
    private MnistDataset(MnistImageSet train, MnistImageSet test)
    {
        Train = train;
        Test = test;
    }

    /// <summary>The class names of MNIST's labels: <c>"0"</c> to <c>"9"</c>, so label <c>d</c> is the digit <c>d</c>.</summary>
    public static IReadOnlyList<string> DigitNames { get; } = Array.AsReadOnly(Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());

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
    /// Loads MNIST from where <paramref name="options"/> says: a named directory, <c>DCGAN_MNIST_DIR</c>, or
    /// the per-user cache, downloading missing files there with SHA-256 verification.
    /// </summary>
    /// <param name="options">Where to look; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels a download.</param>
    /// <returns>The data set.</returns>
    /// <exception cref="DirectoryNotFoundException">A named directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file is missing from a named directory, or from the cache with downloads off.</exception>
    /// <exception cref="IOException">Downloading failed on every mirror; the message lists each attempt.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt or the files disagree.</exception>
    public static MnistDataset Load(MnistOptions? options = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyDictionary<MnistFile, string> paths = MnistLocator.Locate(options ?? new MnistOptions(), cancellationToken);
        MnistImageSet train = ReadSet("MNIST train", paths[MnistFile.TrainImages], paths[MnistFile.TrainLabels]);
        MnistImageSet test = ReadSet("MNIST test", paths[MnistFile.TestImages], paths[MnistFile.TestLabels]);
        return new MnistDataset(train, test);
    }

    private static MnistImageSet ReadSet(string name, string imagesPath, string labelsPath)
    {
        IdxArray images = IdxReader.Read(imagesPath);
        IdxArray labels = IdxReader.Read(labelsPath);
        if (images.Dimensions.Count != 3 || images.Dimensions[1] != PixelTransforms.MnistSide || images.Dimensions[2] != PixelTransforms.MnistSide)
            throw new InvalidDataException($"'{imagesPath}' holds an array of dimensions [{string.Join(", ", images.Dimensions)}]; expected MNIST images [N, 28, 28].");
        if (labels.Dimensions.Count != 1)
            throw new InvalidDataException($"'{labelsPath}' holds an array of dimensions [{string.Join(", ", labels.Dimensions)}]; expected labels [N].");
        if (images.Count != labels.Count)
            throw new InvalidDataException($"'{imagesPath}' holds {images.Count} images but '{labelsPath}' holds {labels.Count} labels; they must match.");
        int bad = Array.FindIndex(labels.Data, label => label > 9);
        if (bad >= 0)
            throw new InvalidDataException($"'{labelsPath}' has label {labels.Data[bad]} at index {bad} (offset {8 + bad}); expected digits 0 to 9.");
        return new MnistImageSet(name, images.Data, labels.Data);
    }
}
