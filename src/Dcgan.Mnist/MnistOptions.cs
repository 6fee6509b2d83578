using Dcgan.Mnist.Datasets;

namespace Dcgan.Mnist;

/// <summary>Which MNIST-layout data set to use, where it comes from, and which part of it to train on.</summary>
/// <remarks>
/// Resolution order: <see cref="Directory"/> if set (missing files there are an error, never a silent
/// download); else the data set's environment variable (<c>DCGAN_MNIST_DIR</c> for MNIST; same rule); else
/// <see cref="CacheDirectory"/>, downloading missing files from <see cref="Mirrors"/> when <see cref="AllowDownload"/>
/// is true. Wherever a file comes from, the SHA-256 of its IDX content is checked against <see cref="Dataset"/>.
/// </remarks>
public sealed class MnistOptions
{
    /// <summary>The environment variable naming a directory that holds the four MNIST files.</summary>
    public const string DirectoryVariable = "DCGAN_MNIST_DIR";

    /// <summary>The data set: its files, checksums, mirrors and class names.</summary>
    /// <value>Default <see cref="IdxDatasetSpec.Mnist"/>; <see cref="IdxDatasetSpec.FashionMnist"/> is the other built-in one.</value>
    public IdxDatasetSpec Dataset { get; set; } = IdxDatasetSpec.Mnist;

    /// <summary>A directory holding the four files (gzipped or raw), or null to use the variable or the cache.</summary>
    /// <value>Default null.</value>
    public string? Directory { get; set; }

    /// <summary>Where downloads are kept, or null for the data set's per-user default (<see cref="IdxDatasetSpec.DefaultCacheDirectory"/>).</summary>
    /// <value>Default null.</value>
    public string? CacheDirectory { get; set; }

    /// <summary>Whether missing files may be downloaded into the cache.</summary>
    /// <value>Default true.</value>
    public bool AllowDownload { get; set; } = true;

    /// <summary>Base addresses tried in order for each missing file, or null for the data set's own (<see cref="IdxDatasetSpec.Mirrors"/>).</summary>
    /// <value>Default null.</value>
    public IReadOnlyList<Uri>? Mirrors { get; set; }

    /// <summary>Time allowed for each file download from one mirror.</summary>
    /// <value>Default 2 minutes.</value>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>For training: use the test split (10,000 images) instead of the training split (60,000).</summary>
    /// <value>Default false.</value>
    public bool UseTestSplit { get; set; }

    /// <summary>For training: keep only the first this many images, or null for all.</summary>
    /// <value>Default null.</value>
    public int? Limit { get; set; }

    /// <summary>For training: keep only the first this many images of each class, or null for all.</summary>
    /// <value>Default null. Applied before <see cref="Limit"/>.</value>
    public int? PerClass { get; set; }

    /// <summary>A copy that later changes to this instance do not affect.</summary>
    /// <returns>The copy.</returns>
    public MnistOptions Clone() => (MnistOptions)MemberwiseClone();
}
