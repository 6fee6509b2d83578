using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Dcgan.Persistence;

/// <summary>
/// The part of a model file's safetensors metadata that every reader needs and no tensor library is needed for: the
/// format marker, version and kind, and the keys that describe a generator to its users. Writers start from
/// <see cref="Common"/>; readers check with <see cref="CheckHeader"/>, so the keys are named once.
/// </summary>
internal static class ModelMetadata
{
    public const string Format = "dcgan";

    /// <summary>The model file version written now; every earlier one is still read (see <c>docs/embedding.md</c>).</summary>
    public const int CurrentVersion = 3;

    public const string FormatKey = "format";
    public const string VersionKey = "format_version";
    public const string KindKey = "kind";
    public const string LatentSizeKey = "latent_size";
    public const string ImageSizeKey = "image_size";
    public const string ChannelsKey = "channels";
    public const string ClassCountKey = "class_count";
    public const string ClassNamesKey = "class_names";
    public const string PixelRangeKey = "pixel_range";
    public const string LibraryVersionKey = "dcgan_version";
    public const string GeneratorKind = "generator";

    /// <summary>The pixel range every Dcgan generator produces (<c>tanh</c>); stated once, here.</summary>
    public const float PixelMin = -1f;

    /// <summary>The upper end of <see cref="PixelMin"/>'s range.</summary>
    public const float PixelMax = 1f;

    private static ReadOnlySpan<byte> LegacyMagic => "DCGANMDL"u8;

    /// <summary>Whether <paramref name="bytes"/> start like a version 1 (Dcgan 0.1 preview) model file.</summary>
    public static bool IsVersion1(ReadOnlySpan<byte> bytes) => bytes.Length >= 8 && bytes[..8].SequenceEqual(LegacyMagic);

    public static string LibraryVersion { get; } =
        typeof(ModelMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>The keys every model file carries: format, version, kind, the generator-facing shape and the pixel range.</summary>
    public static Dictionary<string, string> Common(string kind, int latentSize, int imageSize, int channels, IReadOnlyList<string>? classNames) => new()
    {
        [FormatKey] = Format,
        [VersionKey] = Invariant(CurrentVersion),
        [KindKey] = kind,
        [LatentSizeKey] = Invariant(latentSize),
        [ImageSizeKey] = Invariant(imageSize),
        [ChannelsKey] = Invariant(channels),
        [ClassCountKey] = Invariant(classNames?.Count ?? 0),
        [ClassNamesKey] = JsonSerializer.Serialize([.. classNames ?? []], MetadataJsonContext.Default.StringArray),
        [PixelRangeKey] = FormattableString.Invariant($"[{PixelMin}, {PixelMax}]"),
        [LibraryVersionKey] = LibraryVersion,
    };

    /// <summary>Checks the format marker, that the version is one this library reads, and the kind; returns the version.</summary>
    /// <exception cref="InvalidDataException">Any of the three is wrong; the message names <paramref name="source"/>.</exception>
    public static int CheckHeader(IReadOnlyDictionary<string, string> metadata, string source, string expectedKind)
    {
        if (!metadata.TryGetValue(FormatKey, out string? format) || format != Format)
            throw new InvalidDataException($"'{source}' is a safetensors file but not a Dcgan model file: its metadata lacks format = dcgan.");
        if (!metadata.TryGetValue(VersionKey, out string? versionText) || !int.TryParse(versionText, CultureInfo.InvariantCulture, out int version) || version < 1)
            throw new InvalidDataException($"'{source}' has no valid format_version in its metadata.");
        if (version > CurrentVersion)
            throw new InvalidDataException($"'{source}' has model format version {version}; this version of Dcgan ({LibraryVersion}) reads versions 1 to {CurrentVersion}. Upgrade Dcgan to read it.");
        if (!metadata.TryGetValue(KindKey, out string? actualKind) || actualKind != expectedKind)
            throw new InvalidDataException($"'{source}' holds a {actualKind ?? "model of unknown kind"}, not a {expectedKind}.");
        return version;
    }

    /// <summary>The generator-facing shape a model file declares, from its separate keys (no architecture JSON needed).</summary>
    /// <exception cref="InvalidDataException">A key is missing or malformed; the message names it and <paramref name="source"/>.</exception>
    public static (int LatentSize, int ImageSize, int Channels, string[] ClassNames) ReadGeneratorShape(IReadOnlyDictionary<string, string> metadata, string source)
    {
        string[] classNames;
        try
        {
            classNames = JsonSerializer.Deserialize(metadata.GetValueOrDefault(ClassNamesKey) ?? "[]", MetadataJsonContext.Default.StringArray) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{source}': metadata key '{ClassNamesKey}' is not a JSON array of strings ({ex.Message}).", ex);
        }
        return (ReadInt(metadata, LatentSizeKey, source), ReadInt(metadata, ImageSizeKey, source), ReadInt(metadata, ChannelsKey, source), classNames);
    }

    private static int ReadInt(IReadOnlyDictionary<string, string> metadata, string key, string source) =>
        metadata.TryGetValue(key, out string? text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new InvalidDataException($"'{source}': metadata key '{key}' is missing or not a non-negative integer (was '{text}').");

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
