using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dcgan.Persistence;
using static TorchSharp.torch;

namespace Dcgan.Data;

/// <summary>
/// The decoded pixels of an image folder in a file (<see cref="ImageFolderOptions.CacheFile"/>): raw uint8 pixel bytes,
/// image after image, which the trainer memory-maps so that a set larger than the memory trains with the operating
/// system paging it; beside it an index (<c>FILE.index</c>) with the count, the shape, the labels, the skipped files and a
/// fingerprint of the folder and the options. A later run whose fingerprint matches maps the file without decoding.
/// </summary>
internal static class DecodedImageCache
{
    private const string Magic = "dcgan-decoded-images 1";

    /// <summary>What the index says about a cache file.</summary>
    internal sealed record Index(string Fingerprint, int Count, int Channels, int ImageSize, long[]? Labels, IReadOnlyList<string> Skipped);

    public static string IndexPath(string cacheFile) => cacheFile + ".index";

    /// <summary>A hash of everything the decoded bytes depend on: the options, the size, and each file's path, length and time.</summary>
    public static string Fingerprint(ImageFolderOptions options, int imageSize, IReadOnlyList<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        Add(Magic);
        Add(string.Join(' ', options.Channels, imageSize, options.Fit, options.Background.ToHex(), options.LabelsFromSubfolders, options.Limit?.ToString(CultureInfo.InvariantCulture) ?? "all", options.UndecodableImages));
        foreach (string file in files)
        {
            var info = new FileInfo(file);
            Add(string.Join('\t', Path.GetRelativePath(options.Path, file), info.Length, info.LastWriteTimeUtc.Ticks));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The index of <paramref name="cacheFile"/> when it matches <paramref name="fingerprint"/> and the data file is whole; else null.</summary>
    public static Index? TryRead(string cacheFile, string fingerprint)
    {
        string indexPath = IndexPath(cacheFile);
        if (!File.Exists(cacheFile) || !File.Exists(indexPath) || new FileInfo(indexPath).Length > 64L << 20)
            return null;
        try
        {
            string[] lines = File.ReadAllLines(indexPath);
            if (lines.Length < 5 || lines[0] != Magic || lines[1] != fingerprint)
                return null;
            int[] shape = lines[2].Split(' ').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            long[]? labels = lines[3] == "-" ? null : lines[3].Split(',').Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            int skippedCount = int.Parse(lines[4], CultureInfo.InvariantCulture);
            var index = new Index(fingerprint, shape[0], shape[1], shape[2], labels, lines.Skip(5).Take(skippedCount).ToArray());
            bool whole = new FileInfo(cacheFile).Length == (long)index.Count * index.Channels * index.ImageSize * index.ImageSize
                && (labels is null || labels.Length == index.Count) && index.Skipped.Count == skippedCount;
            return whole ? index : null;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or IndexOutOfRangeException or IOException)
        {
            return null; // a damaged index: decode again
        }
    }

    /// <summary>Writes the index (after the data file is complete, so a crash between the two leaves no valid pair).</summary>
    public static void WriteIndex(string cacheFile, Index index) =>
        AtomicFile.Write(IndexPath(cacheFile), stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            writer.WriteLine(Magic);
            writer.WriteLine(index.Fingerprint);
            writer.WriteLine(string.Join(' ', index.Count, index.Channels, index.ImageSize));
            writer.WriteLine(index.Labels is null ? "-" : string.Join(',', index.Labels));
            writer.WriteLine(index.Skipped.Count);
            foreach (string line in index.Skipped)
                writer.WriteLine(line.ReplaceLineEndings(" "));
        });

    /// <summary>The cache file's pixels memory-mapped as uint8 <c>[N, C, S, S]</c>, with the index's labels.</summary>
    public static ImageData Map(string cacheFile, Index index)
    {
        long length = (long)index.Count * index.Channels * index.ImageSize * index.ImageSize;
        using var scope = NewDisposeScope();
        // Not shared: the mapping is private, so nothing the trainer does can write to the file.
        Tensor images = from_file(cacheFile, shared: false, size: length, dtype: ScalarType.Byte)
            .view(index.Count, index.Channels, index.ImageSize, index.ImageSize);
        Tensor? labels = index.Labels is null ? null : tensor(index.Labels);
        return new ImageData(images.MoveToOuterDisposeScope(), labels?.MoveToOuterDisposeScope());
    }
}
