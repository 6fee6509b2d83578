using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dcgan.Models;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Persistence;

/// <summary>
/// The training checkpoint file (<c>*.dcgan-ckpt</c>), beside the model files: one safetensors file whose metadata
/// carries <c>format</c> = <c>dcgan-checkpoint</c>, <c>format_version</c> and <c>dcgan_version</c> (the keys
/// <see cref="ModelMetadata"/> names for every Dcgan file) and the trainer's state, and whose tensors hold both networks,
/// both optimiser states, the random state and the fixed sample noise. Written to a temporary file and renamed, so a kill
/// never leaves a half-written checkpoint. Only <see cref="LoadGenerator"/> is public: the builder's <c>ResumeFrom</c>
/// reads the rest.
/// </summary>
/// <remarks>
/// Version 2 (written now) stores the architecture and the optimisation settings as the JSON of their own types
/// (<c>architecture</c>, <c>optimization</c>); version 1 stored one flat <c>options</c> record. Both are read.
/// </remarks>
public static class CheckpointFile
{
    internal const string Extension = ".dcgan-ckpt";
    internal const string AveragePrefix = "generator_average.";
    internal const string ArchitectureKey = "architecture";
    internal const string LegacyOptionsKey = "options";
    internal const string HistoryKey = "history";
    internal const string OptimizationKey = "optimization";
    private const string Format = "dcgan-checkpoint";
    private const int CurrentVersion = 2;

    /// <summary>
    /// Extracts the generator from a training checkpoint (written by <c>DcganBuilder.WithCheckpoints</c>): its weight
    /// average when the run kept one, with its training summary.
    /// </summary>
    /// <param name="path">The checkpoint file.</param>
    /// <returns>A generator in evaluation mode on the CPU, owned by the caller.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a Dcgan checkpoint or is damaged.</exception>
    public static Generator LoadGenerator(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SafetensorsContent content = Read(path);
        DcganArchitecture architecture = ReadArchitecture(content, path);
        // The optimisation settings as stored, read only for the summary's seed and batch size.
        JsonNode? settings = ParseJson<JsonNode>(content, content.Metadata.ContainsKey(LegacyOptionsKey) ? LegacyOptionsKey : OptimizationKey, path, "optimisation settings");
        JsonArray history = content.Metadata.ContainsKey(HistoryKey) ? ParseJson<JsonArray>(content, HistoryKey, path, "history") : [];
        string prefix = content.Tensors.Keys.Any(k => k.StartsWith(AveragePrefix, StringComparison.Ordinal)) ? AveragePrefix : "generator.";
        Dictionary<string, SafetensorsEntry> tensors = Only(content, prefix);
        ModelFile.CheckDeclaredShapes(device => new Generator(architecture.Shape, architecture.Generator, seed: 0, device), tensors, prefix, path);
        var generator = new Generator(architecture);
        try
        {
            ModelFile.LoadStateDict(generator, tensors, prefix, path);
            generator.Training = new TrainingSummary(ParseInt(content, "epoch", path), ParseStep(content, path),
                settings?["Seed"]?.GetValue<long>() ?? 0, settings?["BatchSize"]?.GetValue<int>() ?? 0, content.Metadata.GetValueOrDefault("data_source") ?? "",
                LastLoss(history, "DiscriminatorLoss"), LastLoss(history, "GeneratorLoss"), ParseTrainingSeconds(content), ModelMetadata.LibraryVersion);
            generator.eval();
            return generator;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            generator.Dispose();
            throw new InvalidDataException($"Checkpoint '{path}' has malformed settings or history: {ex.Message}", ex);
        }
        catch
        {
            generator.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The file of a checkpoint after <paramref name="epoch"/> completed epochs, or, with <paramref name="stepsDone"/>, of one
    /// written when the next epoch was interrupted after that many steps. Both sort by name in the order they were
    /// written, which <see cref="Prune"/> relies on.
    /// </summary>
    internal static string PathFor(string directory, int epoch, int? stepsDone = null) =>
        Path.Combine(directory, stepsDone is int steps
            ? string.Create(CultureInfo.InvariantCulture, $"checkpoint_epoch_{epoch:D3}_step_{steps:D6}{Extension}")
            : string.Create(CultureInfo.InvariantCulture, $"checkpoint_epoch_{epoch:D3}{Extension}"));

    /// <summary>Writes a checkpoint atomically: the trainer's <paramref name="metadata"/> plus the format keys, and the tensors.</summary>
    internal static void Write(string path, IReadOnlyDictionary<string, string> metadata, IEnumerable<SafetensorsEntry> tensors)
    {
        var all = new Dictionary<string, string>(metadata)
        {
            [ModelMetadata.FormatKey] = Format,
            [ModelMetadata.VersionKey] = CurrentVersion.ToString(CultureInfo.InvariantCulture),
            [ModelMetadata.LibraryVersionKey] = ModelMetadata.LibraryVersion,
        };
        AtomicFile.Write(path, stream => SafetensorsFile.Write(stream, all, tensors));
    }

    /// <summary>Reads a checkpoint, checking its format marker and that its version is one this library reads.</summary>
    internal static SafetensorsContent Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        SafetensorsContent content = SafetensorsFile.Read(File.ReadAllBytes(path), path);
        if (content.Metadata.GetValueOrDefault(ModelMetadata.FormatKey) != Format)
            throw new InvalidDataException($"'{path}' is not a Dcgan checkpoint: its metadata lacks format = {Format}.");
        int version = ParseInt(content, ModelMetadata.VersionKey, path);
        if (version > CurrentVersion)
            throw new InvalidDataException($"Checkpoint '{path}' has format version {version}; this version of Dcgan reads versions 1 to {CurrentVersion}.");
        return content;
    }

    /// <summary>The pair's architecture: the JSON of <see cref="DcganArchitecture"/> (version 2) or the flat legacy record inside <c>options</c> (version 1).</summary>
    internal static DcganArchitecture ReadArchitecture(SafetensorsContent content, string path)
    {
        DcganArchitecture architecture = content.Metadata.ContainsKey(LegacyOptionsKey)
            ? ParseJson<JsonNode>(content, LegacyOptionsKey, path, "options")["Architecture"].Deserialize<LegacyArchitecture>()?.ToArchitecture()
                ?? throw new InvalidDataException($"Checkpoint '{path}' has options without an architecture.")
            : ParseJson<DcganArchitecture>(content, ArchitectureKey, path, "architecture");
        IReadOnlyList<string> errors = architecture.Validate();
        if (errors.Count > 0)
            throw new InvalidDataException($"Checkpoint '{path}' describes an invalid architecture: {string.Join(" ", errors)}");
        return architecture;
    }

    /// <summary>Deletes the oldest checkpoints in <paramref name="directory"/> beyond the newest <paramref name="keep"/>.</summary>
    internal static void Prune(string directory, int keep)
    {
        string[] checkpoints = Directory.GetFiles(directory, "checkpoint_epoch_*" + Extension).Order(StringComparer.Ordinal).ToArray();
        foreach (string old in checkpoints[..Math.Max(0, checkpoints.Length - keep)])
            File.Delete(old);
    }

    /// <summary>Reads one JSON metadata value; a missing, null or malformed one is an <see cref="InvalidDataException"/> naming the file and the key.</summary>
    internal static T ParseJson<T>(SafetensorsContent content, string key, string path, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(content.Metadata.GetValueOrDefault(key) ?? "null")
                ?? throw new InvalidDataException($"Checkpoint '{path}' has no {what} (metadata key '{key}').");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // NotSupportedException: a discriminator piece without its "name", which System.Text.Json reports so.
            throw new InvalidDataException($"Checkpoint '{path}' has malformed {what} (metadata key '{key}'): {ex.Message}", ex);
        }
    }

    internal static long ParseStep(SafetensorsContent content, string path) =>
        content.Metadata.GetValueOrDefault("step") is not string text ? 0
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long step) && step >= 0 ? step
        : throw new InvalidDataException($"Checkpoint '{path}' has no valid 'step' in its metadata.");

    // Written for information only (the ETA of a resumed run); a checkpoint without it resumes as if it took no time.
    internal static double ParseTrainingSeconds(SafetensorsContent content) =>
        double.TryParse(content.Metadata.GetValueOrDefault("training_seconds"), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) ? seconds : 0;

    internal static int ParseInt(SafetensorsContent content, string key, string path) =>
        int.TryParse(content.Metadata.GetValueOrDefault(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 0
            ? value
            : throw new InvalidDataException($"Checkpoint '{path}' has no valid '{key}' in its metadata.");

    internal static SafetensorsEntry Required(SafetensorsContent content, string name, string path) =>
        content.Tensors.TryGetValue(name, out SafetensorsEntry? entry) ? entry : throw new InvalidDataException($"Checkpoint '{path}' lacks the tensor '{name}'.");

    internal static Dictionary<string, SafetensorsEntry> Only(SafetensorsContent content, string prefix) =>
        content.Tensors.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);

    private static double LastLoss(JsonArray history, string name) => history.Count > 0 ? history[^1]?[name]?.GetValue<double>() ?? double.NaN : double.NaN;
}
