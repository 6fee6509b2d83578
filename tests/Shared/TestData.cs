// libtorch's thread count and RNG are process-wide: run tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Dcgan.Tests;

/// <summary>Where the tests find the real data of <c>shared/</c>, the checkout, and temporary folders.</summary>
internal static partial class TestData
{
    /// <summary>
    /// The first <c>shared/<paramref name="name"/></c> folder holding <paramref name="marker"/>, walking up from the test
    /// binaries (the checkout sits beside <c>shared/</c>), or <paramref name="variable"/>'s value when set. Tests never download.
    /// </summary>
    public static string SharedDirectory(string name, string marker, string? variable = null)
    {
        string? fromVariable = variable is null ? null : Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(fromVariable))
            return fromVariable;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", name);
            if (File.Exists(Path.Combine(candidate, marker)))
                return candidate;
        }
        throw new InvalidOperationException(
            $"The tests need the real files of shared/{name} (with {marker}) and found none above {AppContext.BaseDirectory}"
            + (variable is null ? "" : $"; set {variable} to their folder") + ". Tests never download data.");
    }

    /// <summary>The 3,786 real 64x64 Noto emoji PNGs (mixed RGBA, LA and palette) in <c>shared/emoji-64</c>.</summary>
    public static string EmojiDirectory => SharedDirectory("emoji-64", "1f600.png");

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
