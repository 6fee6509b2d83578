using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Dcgan.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Dcgan.Persistence;

/// <summary>
/// The Dcgan model file: one self-describing file per network, readable from Python.
/// </summary>
/// <remarks>
/// <para><b>Version 2</b> (written now) is a safetensors file. Its <c>__metadata__</c> holds
/// <c>format</c> = <c>dcgan</c>, <c>format_version</c>, <c>kind</c>, the architecture both as separate
/// keys (<c>latent_size</c>, <c>image_size</c>, <c>channels</c>, <c>generator_feature_maps</c>,
/// <c>discriminator_feature_maps</c>, <c>class_count</c>, <c>class_names</c> (a JSON array, empty when
/// unconditional), <c>minibatch_stddev</c>, <c>discriminator_packing</c>, <c>minibatch_discrimination_kernels</c>,
/// <c>minibatch_discrimination_kernel_dimensions</c>, <c>pixel_range</c>) and as JSON
/// (<c>architecture</c>), and the training summary as JSON (<c>training</c>). The tensors are the
/// module's state dict under its PyTorch-style names.</para>
/// <para><b>Version 1</b> (Dcgan 0.1 previews): magic <c>DCGANMDL</c>, int32 version, int32 manifest
/// length, JSON manifest, TorchSharp state-dict bytes. Still read.</para>
/// <para>Policy: the loader reads every earlier version; a newer version gets an error naming both.</para>
/// </remarks>
internal static class ModelFile
{
    public const int CurrentVersion = ModelMetadata.CurrentVersion;
    private const int MaxLegacyManifestBytes = 1 << 20;

    public static void Save(string path, ModelKind kind, DcganArchitecture architecture, nn.Module module, TrainingSummary? training = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream => Save(stream, kind, architecture, module, training));
    }

    public static void Save(Stream stream, ModelKind kind, DcganArchitecture architecture, nn.Module module, TrainingSummary? training = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        SafetensorsFile.Write(stream, Metadata(kind, architecture, training), module.state_dict().Select(p => TensorEntries.ToEntry(p.Key, p.Value)));
    }

    public static Dictionary<string, string> Metadata(ModelKind kind, DcganArchitecture architecture, TrainingSummary? training)
    {
        Dictionary<string, string> metadata = ModelMetadata.Common(KindName(kind), architecture.LatentSize, architecture.ImageSize, architecture.Channels, architecture.ClassNames);
        metadata["generator_feature_maps"] = Invariant(architecture.GeneratorFeatureMaps);
        metadata["discriminator_feature_maps"] = Invariant(architecture.DiscriminatorFeatureMaps);
        metadata["minibatch_stddev"] = architecture.MinibatchStdDev ? "true" : "false";
        metadata["discriminator_packing"] = Invariant(architecture.DiscriminatorPacking);
        metadata["minibatch_discrimination_kernels"] = Invariant(architecture.MinibatchDiscriminationKernels);
        metadata["minibatch_discrimination_kernel_dimensions"] = Invariant(architecture.MinibatchDiscriminationKernelDimensions);
        metadata["architecture"] = JsonSerializer.Serialize(architecture);
        if (training is not null)
            metadata["training"] = JsonSerializer.Serialize(training);
        return metadata;
    }

    public static FileStream OpenRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    public static TModule Load<TModule>(Stream stream, string source, ModelKind kind, Func<ModelManifest, TModule> create)
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
        TModule module = create(manifest);
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
        ModelMetadata.CheckHeader(metadata, source, KindName(kind));

        DcganArchitecture architecture;
        TrainingSummary? training = null;
        try
        {
            architecture = JsonSerializer.Deserialize<DcganArchitecture>(metadata.GetValueOrDefault("architecture") ?? "null")
                ?? throw new InvalidDataException($"'{source}' has no architecture in its metadata.");
            if (metadata.TryGetValue("training", out string? trainingJson))
                training = JsonSerializer.Deserialize<TrainingSummary>(trainingJson);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{source}' has malformed metadata: {ex.Message}", ex);
        }
        IReadOnlyList<string> errors = architecture.Validate();
        if (errors.Count > 0)
            throw new InvalidDataException($"'{source}' describes an invalid architecture: {string.Join(" ", errors)}");
        return new ModelManifest(architecture, training);
    }

    /// <summary>Copies tensors named <c>prefix + key</c> into the module's state dict, checking names, shapes and types.</summary>
    public static void LoadStateDict(nn.Module module, IReadOnlyDictionary<string, SafetensorsEntry> tensors, string prefix, string source)
    {
        Dictionary<string, Tensor> state = module.state_dict();
        var problems = new List<string>();
        foreach ((string key, Tensor target) in state)
        {
            if (!tensors.TryGetValue(prefix + key, out SafetensorsEntry? entry))
            {
                problems.Add($"tensor '{prefix + key}' is missing (expected shape [{string.Join(", ", target.shape)}])");
                continue;
            }
            if (!entry.Shape.SequenceEqual(target.shape))
                problems.Add($"tensor '{prefix + key}' has shape [{string.Join(", ", entry.Shape)}] in the file but [{string.Join(", ", target.shape)}] in the model");
        }
        foreach (string name in tensors.Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && !state.ContainsKey(n[prefix.Length..])))
            problems.Add($"tensor '{name}' in the file has no place in the model");
        if (problems.Count > 0)
            throw new InvalidDataException($"'{source}' does not match the architecture it declares: {string.Join("; ", problems)}.");

        using IDisposable noGrad = no_grad();
        foreach ((string key, Tensor target) in state)
        {
            using Tensor value = TensorEntries.ToTensor(tensors[prefix + key]);
            if (value.dtype != target.dtype)
                throw new InvalidDataException($"'{source}': tensor '{prefix + key}' is {value.dtype} in the file but {target.dtype} in the model.");
            target.copy_(value);
        }
    }

    private static TModule LoadVersion1<TModule>(MemoryStream stream, string source, ModelKind kind, Func<ModelManifest, TModule> create)
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

        LegacyManifest legacy;
        try
        {
            legacy = JsonSerializer.Deserialize<LegacyManifest>(manifestBytes) ?? throw new InvalidDataException($"'{source}' has an empty manifest.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{source}' has a manifest that is not valid JSON: {ex.Message}", ex);
        }
        if (!string.Equals(legacy.Kind, kind.ToString(), StringComparison.Ordinal))
            throw new InvalidDataException($"'{source}' holds a {legacy.Kind.ToLowerInvariant()}, not a {kind.ToString().ToLowerInvariant()}.");

        TModule module = create(new ModelManifest(legacy.Architecture, null));
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

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record LegacyManifest(string Kind, DcganArchitecture Architecture);
}
