using System.Collections.Concurrent;
using Dcgan.Data;

namespace Dcgan.Tests;

/// <summary>
/// Real images for the trainer tests without any data-set package: the first emoji of <c>shared/emoji-64</c>, read by
/// Core's <see cref="ImageFolderSource"/> (grayscale 28 px by default, for the tests' tiny networks) once per process and
/// served through the public data-source primitive.
/// </summary>
internal static class EmojiSubsetSource
{
    /// <summary>Round-robin labels for <see cref="Labelled"/>: real images in three class folders, for the conditioning mechanics.</summary>
    public static readonly IReadOnlyList<string> ClassNames = ["a", "b", "c"];

    private static readonly ConcurrentDictionary<(int Count, int Channels, bool Labelled, int Size), ImageData> Loaded = new();
    private static readonly ConcurrentDictionary<int, string> ClassFolders = new();

    /// <summary>The first <paramref name="count"/> emoji, unlabelled.</summary>
    public static IImageDataSource First(int count, int channels = 1) => new Cached(count, channels, labelled: false);

    /// <summary>The first <paramref name="count"/> emoji in three class folders (<see cref="ClassNames"/>, file i in class i mod 3).</summary>
    public static IImageDataSource Labelled(int count, int channels = 1) => new Cached(count, channels, labelled: true);

    /// <summary>A folder of exactly the first <paramref name="count"/> emoji in class folders (a limit would take class "a" first).</summary>
    private static string BuildClassFolder(int count)
    {
        string root = Path.Combine(Path.GetTempPath(), $"dcgan-tests-emoji-classes-{Environment.ProcessId}-{count}");
        string[] files = Directory.GetFiles(TestData.EmojiDirectory, "*.png").Order(StringComparer.Ordinal).Take(count).ToArray();
        for (int i = 0; i < files.Length; i++)
        {
            string folder = Path.Combine(root, ClassNames[i % ClassNames.Count]);
            Directory.CreateDirectory(folder);
            // Prefixed by the index so the ordinal path order inside each class is the emoji order.
            File.Copy(files[i], Path.Combine(folder, $"{i:D4}-{Path.GetFileName(files[i])}"), overwrite: true);
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(root, recursive: true);
        return root;
    }

    private sealed class Cached(int count, int channels, bool labelled) : IImageDataSource
    {
        public string Description => $"first {count} emoji ({(channels == 1 ? "grayscale" : "RGB")}{(labelled ? ", 3 round-robin classes" : "")})";

        public int Channels => channels;

        public IReadOnlyList<string>? ClassNames => labelled ? EmojiSubsetSource.ClassNames : null;

        public ImageData Load(int imageSize, CancellationToken cancellationToken = default)
        {
            ImageData data = Loaded.GetOrAdd((count, channels, labelled, imageSize), key =>
            {
                var source = new ImageFolderSource(new ImageFolderOptions
                {
                    Path = key.Labelled ? ClassFolders.GetOrAdd(key.Count, BuildClassFolder) : TestData.EmojiDirectory,
                    Channels = key.Channels,
                    LabelsFromSubfolders = key.Labelled,
                    Limit = key.Labelled ? null : key.Count,
                });
                ImageData loaded = source.Load(key.Size, cancellationToken);
                // Cached for the process, whatever dispose scope first asked for it.
                loaded.Images.DetachFromDisposeScope();
                loaded.Labels?.DetachFromDisposeScope();
                return loaded;
            });
            return new ImageData(data.Images.clone(), data.Labels?.clone());
        }
    }
}
