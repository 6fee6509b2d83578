using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Dcgan.Models;
using TorchSharp;
using static TorchSharp.torch;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Persistence;

/// <summary>
/// The Dcgan model file: one self-describing file per network, readable from Python.
/// </summary>
/// <remarks>
/// <para><b>Version 3</b> (written now) is a safetensors file. Its <c>__metadata__</c> holds the keys every model file
/// has (<see cref="ModelMetadata.Common"/>: <c>format</c> = <c>dcgan</c>, <c>format_version</c>, <c>kind</c>, the shared
/// shape as <c>latent_size</c>, <c>image_size</c>, <c>channels</c>, <c>class_count</c>, <c>class_names</c>, and
/// <c>pixel_range</c>, <c>dcgan_version</c>), the training summary as JSON (<c>training</c>) when known, and the
/// network's own part only: <c>generator_feature_maps</c> for a generator, <c>discriminator</c> (the
/// <see cref="DiscriminatorArchitecture"/> as JSON) for a discriminator. The tensors are the module's state dict under
/// its PyTorch-style names.</para>
/// <para><b>Version 2</b> wrote the same keys plus the whole pair's architecture (<c>architecture</c>, one flat JSON
/// record, and the discriminator's settings as separate keys) in every file. Still read.</para>
/// <para><b>Version 1</b> (Dcgan 0.1 previews): magic <c>DCGANMDL</c>, int32 version, int32 manifest length, JSON
/// manifest, TorchSharp state-dict bytes. Still read.</para>
/// <para>Policy: the loader reads every earlier version; a newer version gets an error naming both.</para>
/// </remarks>
internal static class ModelFile
{
    public const int CurrentVersion = ModelMetadata.CurrentVersion;
    private const int MaxLegacyManifestBytes = 1 << 20;
    private const string GeneratorFeatureMapsKey = "generator_feature_maps";
    private const string DiscriminatorKey = "discriminator";
    private const string TrainingKey = "training";
    private const string LegacyArchitectureKey = "architecture";
    private static readonly Device MetaDevice = new(DeviceType.META, -1);

    public static void Save(string path, Generator generator) => AtomicFile.Write(path, stream => Save(stream, generator));

    public static void Save(Stream stream, Generator generator)
    {
        Dictionary<string, string> metadata = Metadata(ModelKind.Generator, generator.Shape, generator.Training);
        metadata[GeneratorFeatureMapsKey] = generator.Architecture.FeatureMaps.ToString(CultureInfo.InvariantCulture);
        Write(stream, metadata, generator);
    }

    public static void Save(string path, Discriminator discriminator) => AtomicFile.Write(path, stream =>
    {
        Dictionary<string, string> metadata = Metadata(ModelKind.Discriminator, discriminator.Shape, training: null);
        metadata[DiscriminatorKey] = JsonSerializer.Serialize(discriminator.Architecture);
        Write(stream, metadata, discriminator);
    });

    private static Dictionary<string, string> Metadata(ModelKind kind, ImageShape shape, TrainingSummary? training)
    {
        Dictionary<string, string> metadata = ModelMetadata.Common(KindName(kind), shape.LatentSize, shape.ImageSize, shape.Channels, shape.ClassNames);
        if (training is not null)
            metadata[TrainingKey] = JsonSerializer.Serialize(training);
        return metadata;
    }

    private static void Write(Stream stream, Dictionary<string, string> metadata, nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(stream);
        SafetensorsFile.Write(stream, metadata, module.state_dict().Select(p => TensorEntries.ToEntry(p.Key, p.Value)));
    }

    public static FileStream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    public static TModule Load<TModule>(Stream stream, string source, ModelKind kind, Func<ModelManifest, Device?, TModule> create)
        where TModule : nn.Module
    {
        // Read the file once; both format readers work on these bytes.
        byte[] bytes;
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        if (ModelMetadata.IsVersion1(bytes))
            return LoadVersion1(new MemoryStream(bytes, writable: false), source, kind, create);

        SafetensorsContent content = SafetensorsFile.Read(bytes, source);
        ModelManifest manifest = ReadManifest(content.Metadata, source, kind);
        CheckDeclaredShapes(device => create(manifest, device), content.Tensors, prefix: "", source);
        TModule module = create(manifest, null);
        try
        {
            LoadStateDict(module, content.Tensors, prefix: "", source);
            module.eval();
            return module;
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    public static ModelManifest ReadManifest(IReadOnlyDictionary<string, string> metadata, string source, ModelKind kind)
    {
        int version = ModelMetadata.CheckHeader(metadata, source, KindName(kind));
        try
        {
            TrainingSummary? training = metadata.TryGetValue(TrainingKey, out string? trainingJson) ? JsonSerializer.Deserialize<TrainingSummary>(trainingJson) : null;
            ModelManifest manifest = version < 3 ? FromLegacy(Parse<LegacyArchitecture>(metadata, LegacyArchitectureKey, source), training) : ReadVersion3(metadata, source, kind, training);
            IReadOnlyList<string> errors = manifest.Validate();
            if (errors.Count > 0)
                throw new InvalidDataException($"'{source}' describes an invalid architecture: {string.Join(" ", errors)}");
            return manifest;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // NotSupportedException: a discriminator piece without its "name", which System.Text.Json reports so.
            throw new InvalidDataException($"'{source}' has malformed metadata: {ex.Message}", ex);
        }
    }

    private static ModelManifest ReadVersion3(IReadOnlyDictionary<string, string> metadata, string source, ModelKind kind, TrainingSummary? training)
    {
        (int latentSize, int imageSize, int channels, string[] classNames) = ModelMetadata.ReadGeneratorShape(metadata, source);
        var shape = new ImageShape { LatentSize = latentSize, ImageSize = imageSize, Channels = channels, ClassNames = classNames.Length == 0 ? null : classNames };
        if (kind == ModelKind.Discriminator)
            return new ModelManifest(shape, null, Parse<DiscriminatorArchitecture>(metadata, DiscriminatorKey, source), training);
        if (!metadata.TryGetValue(GeneratorFeatureMapsKey, out string? text) || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int featureMaps))
            throw new InvalidDataException($"'{source}': metadata key '{GeneratorFeatureMapsKey}' is missing or not a non-negative integer (was '{text}').");
        return new ModelManifest(shape, new GeneratorArchitecture { FeatureMaps = featureMaps }, null, training);
    }

    private static ModelManifest FromLegacy(LegacyArchitecture legacy, TrainingSummary? training)
    {
        DcganArchitecture architecture = legacy.ToArchitecture();
        return new ModelManifest(architecture.Shape, architecture.Generator, architecture.Discriminator, training);
    }

    private static T Parse<T>(IReadOnlyDictionary<string, string> metadata, string key, string source) =>
        JsonSerializer.Deserialize<T>(metadata.GetValueOrDefault(key) ?? "null")
            ?? throw new InvalidDataException($"'{source}' has no '{key}' in its metadata.");

    /// <summary>
    /// Compares the file's tensors with the module the file declares, built on the meta device: shapes only, no storage and
    /// no initial weights. A header that declares a network far larger than the tensors it holds (a few megabytes asking for
    /// gigabytes) is refused here, before any weight is allocated.
    /// </summary>
    /// <param name="layout">Builds the declared module on the device it is given.</param>
    /// <param name="tensors">The file's tensors.</param>
    /// <param name="prefix">The prefix of the module's tensors in the file.</param>
    /// <param name="source">The file, for messages.</param>
    /// <exception cref="InvalidDataException">A tensor is missing, extra, or of another shape or type.</exception>
    public static void CheckDeclaredShapes(Func<Device, nn.Module> layout, IReadOnlyDictionary<string, SafetensorsEntry> tensors, string prefix, string source)
    {
        using nn.Module module = layout(MetaDevice);
        CheckStateDict(module.state_dict(), tensors, prefix, source);
    }

    /// <summary>Copies tensors named <c>prefix + key</c> into the module's state dict, checking names, shapes and types first.</summary>
    public static void LoadStateDict(nn.Module module, IReadOnlyDictionary<string, SafetensorsEntry> tensors, string prefix, string source)
    {
        Dictionary<string, Tensor> state = module.state_dict();
        CheckStateDict(state, tensors, prefix, source);
        using IDisposable noGrad = no_grad();
        foreach ((string key, Tensor target) in state)
        {
            using Tensor value = TensorEntries.ToTensor(tensors[prefix + key]);
            target.copy_(value);
        }
    }

    private static void CheckStateDict(Dictionary<string, Tensor> state, IReadOnlyDictionary<string, SafetensorsEntry> tensors, string prefix, string source)
    {
        var problems = new List<string>();
        foreach ((string key, Tensor target) in state)
        {
            if (!tensors.TryGetValue(prefix + key, out SafetensorsEntry? entry))
                problems.Add($"tensor '{prefix + key}' is missing (expected shape [{string.Join(", ", target.shape)}])");
            else if (!entry.Shape.SequenceEqual(target.shape))
                problems.Add($"tensor '{prefix + key}' has shape [{string.Join(", ", entry.Shape)}] in the file but [{string.Join(", ", target.shape)}] in the model");
            else if (entry.Dtype != TensorEntries.DtypeName(target.dtype))
                problems.Add($"tensor '{prefix + key}' is {entry.Dtype} in the file but {TensorEntries.DtypeName(target.dtype) ?? target.dtype.ToString()} in the model");
        }
        foreach (string name in tensors.Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && !state.ContainsKey(n[prefix.Length..])))
            problems.Add($"tensor '{name}' in the file has no place in the model");
        if (problems.Count > 0)
            throw new InvalidDataException($"'{source}' does not match the architecture it declares: {string.Join("; ", problems)}.");
    }

    private static TModule LoadVersion1<TModule>(MemoryStream stream, string source, ModelKind kind, Func<ModelManifest, Device?, TModule> create)
        where TModule : nn.Module
    {
        Span<byte> header = stackalloc byte[16];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            throw new InvalidDataException($"'{source}' is truncated: shorter than the 16-byte version 1 header.");
        int version = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        if (version != 1)
            throw new InvalidDataException($"'{source}' has model format version {version} in a version 1 header; this version of Dcgan reads versions 1 to {CurrentVersion}.");
        int length = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        if (length <= 0 || length > MaxLegacyManifestBytes || length > stream.Length - 16)
            throw new InvalidDataException($"'{source}' has an invalid manifest length {length} at offset 12.");
        byte[] manifestBytes = new byte[length];
        stream.ReadExactly(manifestBytes);

        LegacyManifest? legacy;
        try
        {
            legacy = JsonSerializer.Deserialize<LegacyManifest>(manifestBytes);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{source}' has a manifest that is not valid JSON: {ex.Message}", ex);
        }
        if (legacy?.Architecture is null)
            throw new InvalidDataException($"'{source}' has a version 1 manifest without an architecture.");
        if (!string.Equals(legacy.Kind, kind.ToString(), StringComparison.Ordinal))
            throw new InvalidDataException($"'{source}' holds a {legacy.Kind?.ToLowerInvariant() ?? "model of no stated kind"}, not a {kind.ToString().ToLowerInvariant()}.");
        ModelManifest manifest = FromLegacy(legacy.Architecture, null);
        IReadOnlyList<string> errors = manifest.Validate();
        if (errors.Count > 0)
            throw new InvalidDataException($"'{source}' describes an invalid architecture: {string.Join(" ", errors)}");

        // TorchSharp's format is read by the module itself, tensor by tensor, so the shapes cannot be compared first;
        // but the declared network's weights must fit in the file, which a header declaring a huge one does not.
        using (TModule layout = create(manifest, MetaDevice))
        {
            long needed = layout.state_dict().Values.Sum(t => t.numel() * t.ElementSize);
            if (needed > stream.Length)
                throw new InvalidDataException($"'{source}' declares an architecture whose weights take {needed} bytes, but the whole file has {stream.Length}.");
        }
        TModule module = create(manifest, null);
        try
        {
            module.load(stream, strict: true);
            module.eval();
            return module;
        }
        catch (Exception ex)
        {
            module.Dispose();
            throw new InvalidDataException($"'{source}' has weights that do not match its {kind} architecture or are truncated: {ex.Message}", ex);
        }
    }

    private static string KindName(ModelKind kind) => kind.ToString().ToLowerInvariant();

    private sealed record LegacyManifest(string? Kind, LegacyArchitecture? Architecture);
}
