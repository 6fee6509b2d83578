using SixLabors.ImageSharp;

namespace Dcgan.Data;

/// <summary>Which images of a folder <see cref="ImageFolderSource"/> reads and how it turns them into training images.</summary>
public sealed class ImageFolderOptions
{
    /// <summary>The folder; images are found in it and in all its sub-folders.</summary>
    /// <value>No default: required.</value>
    public string Path { get; set; } = "";

    /// <summary>1 (grayscale, by luminance) or 3 (RGB).</summary>
    /// <value>Default 3.</value>
    public int Channels { get; set; } = 3;

    /// <summary>What transparent pixels become: each image is composited onto this colour before anything else.</summary>
    /// <value>Default white.</value>
    public Color Background { get; set; } = Color.White;

    /// <summary>How an image reaches the network's square size.</summary>
    /// <value>Default <see cref="ImageFolderFit.CropThenResize"/>.</value>
    public ImageFolderFit Fit { get; set; } = ImageFolderFit.CropThenResize;

    /// <summary>
    /// Whether the first level of sub-folders names the classes: every image must then sit inside one, and its folder's
    /// name is its label (classes in ordinal order of their names). Turns on <see cref="DcganBuilder.WithClassConditioning()"/>'s
    /// source of classes.
    /// </summary>
    /// <value>Default false (unlabelled).</value>
    public bool LabelsFromSubfolders { get; set; }

    /// <summary>What happens to a file with an image extension that does not decode (zero bytes, corrupt, too large).</summary>
    /// <value>Default <see cref="UndecodableImagePolicy.Skip"/>.</value>
    public UndecodableImagePolicy UndecodableImages { get; set; } = UndecodableImagePolicy.Skip;

    /// <summary>Use only the first this many images (in ordinal order of their paths), or null for all.</summary>
    /// <value>Default null.</value>
    public int? Limit { get; set; }

    /// <summary>
    /// A file to keep the decoded images in, or null to hold them in memory. With a file, images are decoded chunk by
    /// chunk into it as uint8 pixel bytes (a quarter of the float size) and the trainer memory-maps it, so a set larger
    /// than the memory trains; a later run with the same files and options maps it again without decoding (an index
    /// beside it, <c>FILE.index</c>, records what it holds). Any change to the files or options decodes again.
    /// </summary>
    /// <value>Default null (decode into memory on every run).</value>
    public string? CacheFile { get; set; }

    /// <summary>Lists every problem with these options; empty when valid. It does not look at the folder.</summary>
    /// <returns>One message per invalid setting, naming it, its value and what was expected.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Path))
            errors.Add($"{nameof(Path)} must name a folder of images.");
        if (Channels is not (1 or 3))
            errors.Add($"{nameof(Channels)} must be 1 (grayscale) or 3 (RGB), but was {Channels}.");
        if (!Enum.IsDefined(Fit))
            errors.Add($"{nameof(Fit)} must be one of {string.Join(", ", Enum.GetNames<ImageFolderFit>())}, but was {(int)Fit}.");
        if (!Enum.IsDefined(UndecodableImages))
            errors.Add($"{nameof(UndecodableImages)} must be one of {string.Join(", ", Enum.GetNames<UndecodableImagePolicy>())}, but was {(int)UndecodableImages}.");
        if (CacheFile is not null && string.IsNullOrWhiteSpace(CacheFile))
            errors.Add($"{nameof(CacheFile)} must name a file when set, but was empty.");
        if (Limit is <= 0)
            errors.Add($"{nameof(Limit)} must be positive when set, but was {Limit}.");
        return errors;
    }

    /// <summary>A copy that later changes to this instance do not affect.</summary>
    /// <returns>The copy.</returns>
    public ImageFolderOptions Clone() => (ImageFolderOptions)MemberwiseClone();
}
