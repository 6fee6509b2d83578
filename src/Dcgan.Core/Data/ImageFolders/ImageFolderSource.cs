using Dcgan.Imaging;
using Dcgan.Persistence;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using static TorchSharp.torch;

namespace Dcgan.Data;

/// <summary>
/// A folder of image files as a Dcgan <see cref="IImageDataSource"/>: every file of a format ImageSharp decodes (PNG,
/// JPEG, BMP, GIF (first frame), TGA, WebP, TIFF, PBM), found recursively and read in ordinal order of their paths, so
/// the same files always give the same data set. See <c>docs/datasets.md</c>.
/// </summary>
/// <remarks>
/// Each image is composited onto <see cref="ImageFolderOptions.Background"/> (so transparency becomes that colour),
/// brought to the network's size by <see cref="ImageFolderOptions.Fit"/> (images smaller than it are scaled up), and
/// converted to grayscale (by luminance) or RGB. A file whose extension is not an image format's is ignored; a file
/// with an image extension that does not decode, or that declares more than <see cref="MaxPixelsPerImage"/> pixels, is
/// handled by <see cref="ImageFolderOptions.UndecodableImages"/>. Every file is checked while loading, which
/// happens before the first training step, so a bad file never stops an epoch half-way.
/// </remarks>
public sealed class ImageFolderSource : IImageDataSource
{
    /// <summary>The most pixels an image may declare; larger ones are not decoded (a small file can declare a huge image).</summary>
    public const long MaxPixelsPerImage = 8192L * 8192L;

    private static readonly HashSet<string> Extensions = Configuration.Default.ImageFormats
        .SelectMany(format => format.FileExtensions).Select(e => "." + e.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    private readonly ImageFolderOptions options;
    private IReadOnlyList<string> skipped = [];

    /// <summary>Creates the source; the folder is read by <see cref="Load"/>.</summary>
    /// <param name="options">The folder and how to read it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message lists every problem.</exception>
    public ImageFolderSource(ImageFolderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid image folder options: " + string.Join(" ", errors), nameof(options));
        this.options = options.Clone();
    }

    /// <inheritdoc />
    public string Description =>
        $"images in '{options.Path}' ({(options.Channels == 1 ? "grayscale" : "RGB")}, {options.Fit}"
        + (options.Limit is int limit ? $", first {limit}" : "")
        + (skipped.Count > 0 ? $", {skipped.Count} undecodable skipped" : "") + ")";

    /// <inheritdoc />
    public int Channels => options.Channels;

    /// <summary>
    /// With <see cref="ImageFolderOptions.LabelsFromSubfolders"/>, the names of the first-level sub-folders that hold
    /// image files, in ordinal order (label <c>i</c> is <c>ClassNames[i]</c>); otherwise null.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public IReadOnlyList<string>? ClassNames => options.LabelsFromSubfolders ? ClassesOf(ImageFiles()) : null;

    /// <summary>The files left out by the last <see cref="Load"/> under <see cref="UndecodableImagePolicy.Skip"/>, each with the reason.</summary>
    public IReadOnlyList<string> SkippedFiles => skipped;

    /// <inheritdoc />
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The folder holds no decodable image; a file does not decode under <see cref="UndecodableImagePolicy.Stop"/>; or, with
    /// labels from sub-folders, an image is not inside one. The message names the folder or the file.
    /// </exception>
    public ImageData Load(int imageSize, CancellationToken cancellationToken = default)
    {
        if (!Models.ImageShape.SupportedImageSizes.Contains(imageSize))
            throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, $"Expected one of {string.Join(", ", Models.ImageShape.SupportedImageSizes)}.");
        string[] files = ImageFiles();
        if (options.CacheFile is string cacheFile)
        {
            string fingerprint = DecodedImageCache.Fingerprint(options, imageSize, files);
            if (DecodedImageCache.TryRead(cacheFile, fingerprint) is DecodedImageCache.Index cached)
            {
                skipped = cached.Skipped;
                return DecodedImageCache.Map(cacheFile, cached);
            }
            DecodedImageCache.Index? written = null;
            // Decoded chunk by chunk straight into the file: memory holds one chunk, whatever the folder's size.
            AtomicFile.Write(cacheFile, stream => written = Decode(files, imageSize, pixels => stream.Write(pixels), cancellationToken) with { Fingerprint = fingerprint });
            DecodedImageCache.WriteIndex(cacheFile, written!);
            return DecodedImageCache.Map(cacheFile, written!);
        }

        int imageBytes = options.Channels * imageSize * imageSize;
        long capacity = Math.Min(files.Length, options.Limit ?? int.MaxValue);
        byte[] all = new byte[capacity * imageBytes];
        long filled = 0;
        DecodedImageCache.Index decoded = Decode(files, imageSize, pixels =>
        {
            pixels.CopyTo(all, filled);
            filled += pixels.Length;
        }, cancellationToken);
        if (filled < all.LongLength)
            Array.Resize(ref all, (int)filled);
        Tensor images = TensorImages.FromBytes(all, decoded.Count, options.Channels, imageSize, imageSize);
        Tensor? labels = decoded.Labels is null ? null : tensor(decoded.Labels);
        return new ImageData(images, labels);
    }

    /// <summary>
    /// Decodes the files in ordered chunks, in parallel within a chunk, handing each decoded image's bytes to
    /// <paramref name="sink"/> in path order (whatever the thread count); a limit stops the work early. Applies the
    /// undecodable-image policy and records the skipped files.
    /// </summary>
    private DecodedImageCache.Index Decode(string[] files, int imageSize, Action<byte[]> sink, CancellationToken cancellationToken)
    {
        Dictionary<string, long>? labelOfClass = options.LabelsFromSubfolders
            ? ClassesOf(files).Select((name, index) => (name, index)).ToDictionary(c => c.name, c => (long)c.index, StringComparer.Ordinal)
            : null;
        var labels = new List<long>();
        var skippedNow = new List<string>();
        int count = 0;
        int chunk = Math.Max(64, Environment.ProcessorCount * 16);
        for (int start = 0; start < files.Length && (options.Limit is not int limit || count < limit); start += chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int length = Math.Min(chunk, files.Length - start);
            var results = new (byte[]? Pixels, string? Problem)[length];
            Parallel.For(0, length, new ParallelOptions { CancellationToken = cancellationToken }, i => results[i] = Decode(files[start + i], imageSize));
            for (int i = 0; i < length && (options.Limit is not int max || count < max); i++)
            {
                string file = files[start + i];
                if (results[i].Pixels is byte[] pixels)
                {
                    sink(pixels);
                    count++;
                    if (labelOfClass is not null)
                        labels.Add(labelOfClass[FirstFolder(file)!]);
                    continue;
                }
                if (options.UndecodableImages == UndecodableImagePolicy.Stop)
                    throw new InvalidDataException($"'{file}' is not a decodable image: {results[i].Problem}");
                skippedNow.Add($"{file}: {results[i].Problem}");
            }
        }
        skipped = skippedNow;
        if (count == 0)
        {
            throw new InvalidDataException(files.Length == 0
                ? $"The folder '{options.Path}' holds no image files (extensions {string.Join(", ", Extensions.Order(StringComparer.Ordinal))})."
                : $"The folder '{options.Path}' holds {files.Length} image files, but none decodes; the first: {skippedNow[0]}");
        }
        return new DecodedImageCache.Index("", count, options.Channels, imageSize, labelOfClass is null ? null : [.. labels], skippedNow);
    }

    /// <summary>The image files under the folder, by extension, in ordinal order of their paths.</summary>
    private string[] ImageFiles()
    {
        if (!Directory.Exists(options.Path))
            throw new DirectoryNotFoundException($"The image folder '{options.Path}' does not exist.");
        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 64 };
        return Directory.EnumerateFiles(options.Path, "*", enumeration)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    private string[] ClassesOf(IEnumerable<string> files) =>
        files.Select(f => FirstFolder(f) ?? throw new InvalidDataException(
                $"'{f}' is directly in '{options.Path}', but with labels from sub-folders every image must be inside a class folder."))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    private string? FirstFolder(string file)
    {
        string relative = Path.GetRelativePath(options.Path, file);
        int separator = relative.IndexOfAny([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]);
        return separator < 0 ? null : relative[..separator];
    }

    /// <summary>Decodes one file to <c>Channels x size x size</c> bytes (channel-major), or says why it cannot.</summary>
    private (byte[]? Pixels, string? Problem) Decode(string file, int size)
    {
        Image<Rgba32> image;
        try
        {
            IImageInfo? info = Image.Identify(file);
            if (info is null)
                return (null, "not in a format ImageSharp recognises (or empty)");
            if ((long)info.Width * info.Height > MaxPixelsPerImage)
                return (null, $"it declares {info.Width}x{info.Height} pixels, more than the {MaxPixelsPerImage} allowed");
            image = Image.Load<Rgba32>(file);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException or IOException) || ex is EndOfStreamException)
        {
            // Beyond ImageFormatException, ImageSharp 2.1's decoders throw NullReferenceException,
            // InvalidMemoryOperationException and others on some malformed files (found by fuzzing, tests/fuzz-regressions):
            // whatever the decoder throws for a file's bytes is that file's defect. Disk errors (IOException) are not.
            return (null, ex.Message);
        }
        using (image)
        {
            image.Mutate(x => x
                .BackgroundColor(options.Background)
                .Resize(new ResizeOptions
                {
                    Size = new SixLabors.ImageSharp.Size(size, size),
                    Mode = options.Fit == ImageFolderFit.Pad ? ResizeMode.Pad : ResizeMode.Crop,
                    PadColor = options.Background,
                }));
            return (options.Channels == 1 ? Grayscale(image) : Planar(image), null);
        }
    }

    private static byte[] Grayscale(Image<Rgba32> image)
    {
        using Image<L8> gray = image.CloneAs<L8>();
        byte[] pixels = new byte[gray.Width * gray.Height];
        gray.CopyPixelDataTo(pixels);
        return pixels;
    }

    /// <summary>RGB bytes in the tensor's channel-major order: all red, then all green, then all blue.</summary>
    private static byte[] Planar(Image<Rgba32> image)
    {
        int area = image.Width * image.Height;
        var interleaved = new Rgba32[area];
        image.CopyPixelDataTo(interleaved);
        byte[] pixels = new byte[3 * area];
        for (int i = 0; i < area; i++)
        {
            pixels[i] = interleaved[i].R;
            pixels[area + i] = interleaved[i].G;
            pixels[(2 * area) + i] = interleaved[i].B;
        }
        return pixels;
    }
}
