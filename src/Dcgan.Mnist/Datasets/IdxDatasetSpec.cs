using System.Globalization;

namespace Dcgan.Mnist.Datasets;

/// <summary>
/// An image data set in MNIST's layout (four IDX files of 28x28 grayscale images and their labels): where its files
/// come from, how to check them, what its classes are called and where it is kept. <see cref="Mnist"/> and
/// <see cref="FashionMnist"/> are built in; another data set of the same layout is one more instance.
/// </summary>
public sealed record IdxDatasetSpec
{
    /// <summary>MNIST handwritten digits (LeCun, Cortes and Burges; CC BY-SA 3.0): classes <c>"0"</c> to <c>"9"</c>.</summary>
    public static IdxDatasetSpec Mnist { get; } = new()
    {
        Name = "MNIST",
        Key = "mnist",
        DirectoryVariable = MnistOptions.DirectoryVariable,
        // The copy PyTorch uses, then Google's CVDF copy.
        Mirrors = [new("https://ossci-datasets.s3.amazonaws.com/mnist/"), new("https://storage.googleapis.com/cvdf-datasets/mnist/")],
        ClassNames = Array.AsReadOnly(Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray()),
        TrainImages = new("train-images-idx3-ubyte.gz", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        TrainLabels = new("train-labels-idx1-ubyte.gz", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        TestImages = new("t10k-images-idx3-ubyte.gz", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        TestLabels = new("t10k-labels-idx1-ubyte.gz", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    };

    /// <summary>Fashion-MNIST (Zalando Research; MIT licence): ten kinds of clothing, T-shirt/top to ankle boot.</summary>
    public static IdxDatasetSpec FashionMnist { get; } = new()
    {
        Name = "Fashion-MNIST",
        Key = "fashion-mnist",
        DirectoryVariable = "DCGAN_FASHION_MNIST_DIR",
        // The copy torchvision uses, then the project's repository.
        Mirrors = [new("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"), new("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/")],
        ClassNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
        TrainImages = new("train-images-idx3-ubyte.gz", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
        TrainLabels = new("train-labels-idx1-ubyte.gz", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
        TestImages = new("t10k-images-idx3-ubyte.gz", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
        TestLabels = new("t10k-labels-idx1-ubyte.gz", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
    };

    /// <summary>The built-in data sets, in the order the CLI lists them.</summary>
    public static IReadOnlyList<IdxDatasetSpec> BuiltIn { get; } = [Mnist, FashionMnist];

    /// <summary>The display name, such as <c>Fashion-MNIST</c>.</summary>
    public required string Name { get; init; }

    /// <summary>A short lower-case name: the cache folder, the CLI's <c>--dataset</c> value and the shipped classifier's file stem.</summary>
    public required string Key { get; init; }

    /// <summary>The environment variable that may name a directory holding the four files.</summary>
    public required string DirectoryVariable { get; init; }

    /// <summary>Base addresses tried in order for each missing file.</summary>
    public required IReadOnlyList<Uri> Mirrors { get; init; }

    /// <summary>The names of the labels 0 to N-1.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>The training images, <c>[N, 28, 28]</c>.</summary>
    public required IdxFileSpec TrainImages { get; init; }

    /// <summary>The training labels, <c>[N]</c>.</summary>
    public required IdxFileSpec TrainLabels { get; init; }

    /// <summary>The test images, <c>[N, 28, 28]</c>.</summary>
    public required IdxFileSpec TestImages { get; init; }

    /// <summary>The test labels, <c>[N]</c>.</summary>
    public required IdxFileSpec TestLabels { get; init; }

    /// <summary>The four files: training images and labels, test images and labels.</summary>
    public IReadOnlyList<IdxFileSpec> Files => [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>
    /// The per-user cache: <c>$XDG_CACHE_HOME/dcgan/KEY</c>, else <c>~/.cache/dcgan/KEY</c>; on Windows
    /// <c>%LOCALAPPDATA%\dcgan\KEY</c>.
    /// </summary>
    public string DefaultCacheDirectory
    {
        get
        {
            if (OperatingSystem.IsWindows())
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "dcgan", Key);
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "dcgan", Key);
        }
    }

    /// <summary>The built-in data set with this <see cref="Key"/>.</summary>
    /// <param name="key">For example <c>fashion-mnist</c>.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">No built-in data set has that key; the message lists the keys.</exception>
    public static IdxDatasetSpec FromKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return BuiltIn.FirstOrDefault(spec => string.Equals(spec.Key, key, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"There is no built-in data set '{key}'; the keys are {string.Join(", ", BuiltIn.Select(s => s.Key))}.", nameof(key));
    }
}
