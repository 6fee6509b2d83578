using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Dcgan.Models;
using TorchSharp;

namespace Dcgan.Persistence;

/// <summary>
/// The Dcgan model file, format version 1: everything needed to rebuild a network, in one file.
/// </summary>
/// <remarks>
/// Layout (little-endian): 8 bytes magic <c>DCGANMDL</c>; int32 format version; int32 manifest length;
/// the manifest as UTF-8 JSON (<see cref="ModelManifest"/>: kind and architecture); then the weights in
/// TorchSharp's state-dict format. Readers accept every version up to <see cref="CurrentVersion"/> and
/// reject newer ones naming both versions.
/// </remarks>
internal static class ModelFile
{
    public const int CurrentVersion = 1;
    private const int MaxManifestBytes = 1 << 20;
    private static ReadOnlySpan<byte> Magic => "DCGANMDL"u8;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static void Save(string path, ModelKind kind, DcganArchitecture architecture, torch.nn.Module module)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream => Save(stream, kind, architecture, module));
    }

    public static void Save(Stream stream, ModelKind kind, DcganArchitecture architecture, torch.nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] manifest = JsonSerializer.SerializeToUtf8Bytes(new ModelManifest(kind.ToString(), architecture), Json);
        Span<byte> header = stackalloc byte[16];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], CurrentVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], manifest.Length);
        stream.Write(header);
        stream.Write(manifest);
        // TorchSharp's writer closes the stream it is given; shield the caller's. ToArray works on a closed MemoryStream.
        using var weights = new MemoryStream();
        module.save(weights);
        stream.Write(weights.ToArray());
    }

    public static FileStream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    public static TModule Load<TModule>(Stream stream, string source, ModelKind kind, Func<DcganArchitecture, TModule> create)
        where TModule : torch.nn.Module
    {
        Span<byte> header = stackalloc byte[16];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            throw new InvalidDataException($"'{source}' is not a Dcgan model file: it is shorter than the 16-byte header.");
        if (!header[..8].SequenceEqual(Magic))
            throw new InvalidDataException($"'{source}' is not a Dcgan model file: expected the magic 'DCGANMDL' at offset 0.");
        int version = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (version < 1 || version > CurrentVersion)
            throw new InvalidDataException($"'{source}' has model format version {version}; this version of Dcgan reads versions 1 to {CurrentVersion}. Upgrade Dcgan to read it.");
        int length = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        if (length <= 0 || length > MaxManifestBytes)
            throw new InvalidDataException($"'{source}' has an invalid manifest length {length} at offset 12 (expected 1 to {MaxManifestBytes}).");

        byte[] manifestBytes = new byte[length];
        if (stream.ReadAtLeast(manifestBytes, length, throwOnEndOfStream: false) < length)
            throw new InvalidDataException($"'{source}' is truncated: the manifest at offset 16 should be {length} bytes.");

        ModelManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(manifestBytes, Json)
                ?? throw new InvalidDataException($"'{source}' has an empty manifest.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{source}' has a manifest that is not valid JSON: {ex.Message}", ex);
        }

        if (!string.Equals(manifest.Kind, kind.ToString(), StringComparison.Ordinal))
            throw new InvalidDataException($"'{source}' holds a {manifest.Kind}, not a {kind}.");
        IReadOnlyList<string> errors = manifest.Architecture.Validate();
        if (errors.Count > 0)
            throw new InvalidDataException($"'{source}' describes an invalid architecture: {string.Join(" ", errors)}");

        TModule module = create(manifest.Architecture);
        try
        {
            using var weights = new MemoryStream();
            stream.CopyTo(weights);
            weights.Position = 0;
            module.load(weights, strict: true);
            module.eval();
            return module;
        }
        catch (Exception ex) when (ex is not InvalidDataException)
        {
            module.Dispose();
            throw new InvalidDataException($"'{source}' has weights that do not match its {kind} architecture or are truncated: {ex.Message}", ex);
        }
    }
}
