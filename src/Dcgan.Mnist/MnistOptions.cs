namespace Dcgan.Mnist;

/// <summary>Where MNIST comes from and which part of it to use.</summary>
/// <remarks>
/// Resolution order: <see cref="Directory"/> if set (missing files there are an error, never a silent
/// download); else the environment variable <c>DCGAN_MNIST_DIR</c> (same rule); else
/// <see cref="CacheDirectory"/>, downloading missing files from <see cref="Mirrors"/> with SHA-256
/// verification when <see cref="AllowDownload"/> is true.
/// </remarks>
public sealed class MnistOptions
{
    /// <summary>The environment variable naming a directory that holds the four MNIST files.</summary>
    public const string DirectoryVariable = "DCGAN_MNIST_DIR";

    /// <summary>The public mirrors tried in order: the copy PyTorch uses, then Google's CVDF copy.</summary>
    public static IReadOnlyList<Uri> DefaultMirrors { get; } =
    [
        new("https://ossci-datasets.s3.amazonaws.com/mnist/"),
        new("https://storage.googleapis.com/cvdf-datasets/mnist/"),
    ];

    /// <summary>A directory holding the four files (gzipped or raw), or null to use the variable or the cache.</summary>
    /// <value>Default null.</value>
    public string? Directory { get; set; }

    /// <summary>Where downloads are kept, or null for the per-user default (see <see cref="DefaultCacheDirectory"/>).</summary>
    /// <value>Default null.</value>
    public string? CacheDirectory { get; set; }

    /// <summary>Whether missing files may be downloaded into the cache.</summary>
    /// <value>Default true.</value>
    public bool AllowDownload { get; set; } = true;

    /// <summary>Base addresses tried in order for each missing file.</summary>
    /// <value>Default <see cref="DefaultMirrors"/>.</value>
    public IReadOnlyList<Uri> Mirrors { get; set; } = DefaultMirrors;

    /// <summary>Time allowed for each file download from one mirror.</summary>
    /// <value>Default 2 minutes.</value>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>For training: use the test split (10,000 images) instead of the training split (60,000).</summary>
    /// <value>Default false.</value>
    public bool UseTestSplit { get; set; }

    /// <summary>For training: keep only the first this many images, or null for all.</summary>
    /// <value>Default null.</value>
    public int? Limit { get; set; }

    /// <summary>For training: keep only the first this many images of each digit, or null for all.</summary>
    /// <value>Default null. Applied before <see cref="Limit"/>.</value>
    public int? PerClass { get; set; }

    /// <summary>
    /// The per-user cache: <c>$XDG_CACHE_HOME/dcgan/mnist</c>, else <c>~/.cache/dcgan/mnist</c>;
    /// on Windows <c>%LOCALAPPDATA%\dcgan\mnist</c>.
    /// </summary>
    public static string DefaultCacheDirectory
    {
        get
        {
            if (OperatingSystem.IsWindows())
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "dcgan", "mnist");
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "dcgan", "mnist");
        }
    }

    /// <summary>A copy that later changes to this instance do not affect.</summary>
    /// <returns>The copy.</returns>
    public MnistOptions Clone() => (MnistOptions)MemberwiseClone();
}
