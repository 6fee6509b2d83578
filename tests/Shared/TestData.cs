using Dcgan.Mnist;

// libtorch's thread count and RNG are process-wide: run tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Dcgan.Tests;

/// <summary>Where the tests find the real MNIST files, and small real subsets cached per process.</summary>
internal static class TestData
{
    private static readonly Lazy<MnistDataset> Dataset = new(() => MnistDataset.Load(MnistDirectory));

    /// <summary>
    /// <c>DCGAN_MNIST_DIR</c> if set, else the first <c>shared/mnist</c> found walking up from the test
    /// binaries (the checkout sits beside <c>shared/</c>). Tests never download.
    /// </summary>
    public static string MnistDirectory
    {
        get
        {
            string? variable = Environment.GetEnvironmentVariable(MnistOptions.DirectoryVariable);
            if (!string.IsNullOrEmpty(variable))
                return variable;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "mnist");
                if (File.Exists(Path.Combine(candidate, "train-images-idx3-ubyte.gz")))
                    return candidate;
            }
            throw new InvalidOperationException(
                $"The tests need the real MNIST files and found none. Set {MnistOptions.DirectoryVariable} to a directory holding " +
                "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz, " +
                "or place the checkout beside a shared/mnist folder. Tests never download data.");
        }
    }

    /// <summary>The checkout's root: the first folder above the test binaries holding <c>Dcgan.sln</c>.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Dcgan.sln")))
                    return dir.FullName;
            }
            throw new InvalidOperationException("Dcgan.sln not found above the test binaries.");
        }
    }

    /// <summary>The full data set, read once per test process.</summary>
    public static MnistDataset Mnist => Dataset.Value;

    /// <summary>A temporary directory deleted on dispose.</summary>
    public static TemporaryDirectory CreateTemporaryDirectory() => new();
}

/// <summary>A fresh directory under the system temp folder, removed with everything in it on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dcgan-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
