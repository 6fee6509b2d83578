using System.Globalization;
using System.Text.Json;
using Dcgan.Models;
using Dcgan.Persistence;
using Dcgan.Training.Losses;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Training;

/// <summary>
/// A training checkpoint: everything needed to continue a run bit for bit. One safetensors file holding
/// both networks (<c>generator.*</c>, <c>discriminator.*</c>), both Adam states (<c>generator_optimizer</c>,
/// <c>discriminator_optimizer</c>, TorchSharp's own bytes), the shuffle-and-noise random state
/// (<c>random_state</c>) and the fixed sample noise (<c>fixed_noise</c>); its metadata holds the epoch, the
/// step, the architecture and the <see cref="OptimizationOptions"/> (each as JSON, serialised as they are, so what a resume
/// restores is exactly what was stored) and the history. Written to a temporary file and renamed, so a kill never leaves a
/// half-written checkpoint. Only <see cref="LoadGenerator"/> is public: the builder's <c>ResumeFrom</c> reads the rest.
/// </summary>
public static class CheckpointFile
{
    internal const string Extension = ".dcgan-ckpt";
    private const string Format = "dcgan-checkpoint";
    private const int CurrentVersion = 2; // 1: one flat "options" record (read through LegacyOptions)
    private const string AveragePrefix = "generator_average.";
    private const string ArchitectureKey = "architecture";
    private const string OptimizationKey = "optimization";
    private const string LegacyOptionsKey = "options";

    internal static string PathFor(string directory, int epoch) =>
        Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"checkpoint_epoch_{epoch:D3}{Extension}"));

    internal static void Write(string path, DcganOptions options, int epoch, long step, Generator generator, Generator? average, Discriminator discriminator,
        Adam generatorOptimizer, Adam discriminatorOptimizer, torch.Generator random, Tensor fixedNoise, IReadOnlyList<EpochSummary> history, double trainingSeconds, string dataSource)
    {
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["format_version"] = CurrentVersion.ToString(CultureInfo.InvariantCulture),
            ["epoch"] = epoch.ToString(CultureInfo.InvariantCulture),
            ["step"] = step.ToString(CultureInfo.InvariantCulture),
            [ArchitectureKey] = JsonSerializer.Serialize(options.Architecture),
            [OptimizationKey] = JsonSerializer.Serialize(options.Optimization),
            ["history"] = JsonSerializer.Serialize(history),
            ["training_seconds"] = trainingSeconds.ToString("R", CultureInfo.InvariantCulture),
            ["data_source"] = dataSource,
            ["dcgan_version"] = ModelMetadata.LibraryVersion,
        };

        var tensors = new List<KeyValuePair<string, Tensor>>();
        using var scope = NewDisposeScope();
        tensors.AddRange(generator.state_dict().Select(p => KeyValuePair.Create("generator." + p.Key, p.Value)));
        tensors.AddRange(discriminator.state_dict().Select(p => KeyValuePair.Create("discriminator." + p.Key, p.Value)));
        if (average is not null)
            tensors.AddRange(average.state_dict().Select(p => KeyValuePair.Create(AveragePrefix + p.Key, p.Value)));
        tensors.Add(KeyValuePair.Create("generator_optimizer", OptimizerBytes(generatorOptimizer)));
        tensors.Add(KeyValuePair.Create("discriminator_optimizer", OptimizerBytes(discriminatorOptimizer)));
        tensors.Add(KeyValuePair.Create("random_state", random.get_state()));
        tensors.Add(KeyValuePair.Create("fixed_noise", fixedNoise));
        AtomicFile.Write(path, stream => SafetensorsFile.Write(stream, metadata, tensors.Select(p => TensorEntries.ToEntry(p.Key, p.Value))));
    }

    /// <summary>What a resume restores before the trainer exists.</summary>
    internal sealed record Resumable(DcganArchitecture Architecture, OptimizationOptions Optimization, int Epoch, int SampleCount);

    /// <summary>Reads what the builder restores before the trainer exists: architecture, optimisation, epoch and the fixed noise's count.</summary>
    internal static Resumable ReadResumable(string path)
    {
        SafetensorsContent content = Read(path);
        (DcganArchitecture architecture, OptimizationOptions optimization) = ParseSettings(content, path);
        SafetensorsEntry fixedNoise = Required(content, "fixed_noise", path);
        if (fixedNoise.Shape.Length == 0 || fixedNoise.Shape[0] is <= 0 or > int.MaxValue)
            throw new InvalidDataException($"Checkpoint '{path}' has fixed noise of shape [{string.Join(", ", fixedNoise.Shape)}]; expected [count, latent size].");
        return new Resumable(architecture, optimization, ParseInt(content, "epoch", path), (int)fixedNoise.Shape[0]);
    }

    internal static CheckpointState Restore(string path, Generator generator, Generator? average, Discriminator discriminator, Adam generatorOptimizer, Adam discriminatorOptimizer)
    {
        SafetensorsContent content = Read(path);
        ModelFile.LoadStateDict(generator, Only(content, "generator."), "generator.", path);
        if (average is not null)
        {
            bool saved = content.Tensors.Keys.Any(k => k.StartsWith(AveragePrefix, StringComparison.Ordinal));
            if (saved)
                ModelFile.LoadStateDict(average, Only(content, AveragePrefix), AveragePrefix, path);
            else
                average.load_state_dict(generator.state_dict()); // the checkpoint predates the average: start it here
        }
        ModelFile.LoadStateDict(discriminator, Only(content, "discriminator."), "discriminator.", path);
        LoadOptimizer(generatorOptimizer, content, "generator_optimizer", path);
        LoadOptimizer(discriminatorOptimizer, content, "discriminator_optimizer", path);

        return new CheckpointState(
            ParseInt(content, "epoch", path),
            ParseStep(content, path),
            TensorEntries.ToTensor(Required(content, "random_state", path)),
            TensorEntries.ToTensor(Required(content, "fixed_noise", path)),
            ParseHistory(content, path),
            ParseTrainingSeconds(content));
    }

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
        (DcganArchitecture architecture, OptimizationOptions optimization) = ParseSettings(content, path);
        var generator = new Generator(architecture);
        try
        {
            string prefix = content.Tensors.Keys.Any(k => k.StartsWith(AveragePrefix, StringComparison.Ordinal)) ? AveragePrefix : "generator.";
            ModelFile.LoadStateDict(generator, Only(content, prefix), prefix, path);
            IReadOnlyList<EpochSummary> history = ParseHistory(content, path);
            generator.Training = new TrainingSummary(ParseInt(content, "epoch", path), ParseStep(content, path),
                optimization.Seed, optimization.BatchSize, content.Metadata.GetValueOrDefault("data_source") ?? "", history.Count > 0 ? history[^1].DiscriminatorLoss : double.NaN,
                history.Count > 0 ? history[^1].GeneratorLoss : double.NaN, ParseTrainingSeconds(content), ModelMetadata.LibraryVersion);
            generator.eval();
            return generator;
        }
        catch
        {
            generator.Dispose();
            throw;
        }
    }

    /// <summary>Deletes the oldest checkpoints in <paramref name="directory"/> beyond the newest <paramref name="keep"/>.</summary>
    internal static void Prune(string directory, int keep)
    {
        string[] checkpoints = Directory.GetFiles(directory, "checkpoint_epoch_*" + Extension).Order(StringComparer.Ordinal).ToArray();
        foreach (string old in checkpoints[..Math.Max(0, checkpoints.Length - keep)])
            File.Delete(old);
    }

    private static SafetensorsContent Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        SafetensorsContent content = SafetensorsFile.Read(File.ReadAllBytes(path), path);
        if (content.Metadata.GetValueOrDefault("format") != Format)
            throw new InvalidDataException($"'{path}' is not a Dcgan checkpoint: its metadata lacks format = {Format}.");
        int version = ParseInt(content, "format_version", path);
        if (version > CurrentVersion)
            throw new InvalidDataException($"Checkpoint '{path}' has format version {version}; this version of Dcgan reads versions 1 to {CurrentVersion}.");
        return content;
    }

    private static (DcganArchitecture Architecture, OptimizationOptions Optimization) ParseSettings(SafetensorsContent content, string path)
    {
        if (content.Metadata.ContainsKey(LegacyOptionsKey))
            return ParseJson<LegacyOptions>(content, LegacyOptionsKey, path, "options").ToSettings();
        DcganArchitecture architecture = ParseJson<DcganArchitecture>(content, ArchitectureKey, path, "architecture");
        IReadOnlyList<string> errors = architecture.Validate();
        if (errors.Count > 0)
            throw new InvalidDataException($"Checkpoint '{path}' describes an invalid architecture: {string.Join(" ", errors)}");
        return (architecture, ParseJson<OptimizationOptions>(content, OptimizationKey, path, "optimisation settings"));
    }

    private static IReadOnlyList<EpochSummary> ParseHistory(SafetensorsContent content, string path) =>
        content.Metadata.ContainsKey("history") ? ParseJson<List<EpochSummary>>(content, "history", path, "history") : [];

    /// <summary>Reads one JSON metadata value; a missing, null or malformed one is an <see cref="InvalidDataException"/> naming the file and the key.</summary>
    private static T ParseJson<T>(SafetensorsContent content, string key, string path, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(content.Metadata.GetValueOrDefault(key) ?? "null")
                ?? throw new InvalidDataException($"Checkpoint '{path}' has no {what} (metadata key '{key}').");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Checkpoint '{path}' has malformed {what} (metadata key '{key}'): {ex.Message}", ex);
        }
    }

    private static long ParseStep(SafetensorsContent content, string path) =>
        content.Metadata.GetValueOrDefault("step") is not string text ? 0
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long step) && step >= 0 ? step
        : throw new InvalidDataException($"Checkpoint '{path}' has no valid 'step' in its metadata.");

    // Written for information only (the ETA of a resumed run); a checkpoint without it resumes as if it took no time.
    private static double ParseTrainingSeconds(SafetensorsContent content) =>
        double.TryParse(content.Metadata.GetValueOrDefault("training_seconds"), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) ? seconds : 0;

    private static int ParseInt(SafetensorsContent content, string key, string path) =>
        int.TryParse(content.Metadata.GetValueOrDefault(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 0
            ? value
            : throw new InvalidDataException($"Checkpoint '{path}' has no valid '{key}' in its metadata.");

    private static SafetensorsEntry Required(SafetensorsContent content, string name, string path) =>
        content.Tensors.TryGetValue(name, out SafetensorsEntry? entry) ? entry : throw new InvalidDataException($"Checkpoint '{path}' lacks the tensor '{name}'.");

    private static Dictionary<string, SafetensorsEntry> Only(SafetensorsContent content, string prefix) =>
        content.Tensors.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);

    private static Tensor OptimizerBytes(Adam optimizer)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            optimizer.save_state_dict(writer);
        byte[] bytes = buffer.ToArray();
        return torch.tensor(bytes, [bytes.Length]);
    }

    private static void LoadOptimizer(Adam optimizer, SafetensorsContent content, string name, string path)
    {
        SafetensorsEntry entry = Required(content, name, path);
        try
        {
            using var reader = new BinaryReader(new MemoryStream(entry.Data.ToArray()));
            optimizer.load_state_dict(reader);
        }
        catch (Exception ex) when (ex is not InvalidDataException)
        {
            throw new InvalidDataException($"Checkpoint '{path}': the optimizer state '{name}' does not fit the model: {ex.Message}", ex);
        }
    }

    /// <summary>The flat options record of version 1 checkpoints, frozen as they wrote it.</summary>
    /// <remarks>
    /// The oldest of them have no <c>Loss</c> and keep the non-saturating loss's smoothing in <c>LabelSmoothing</c>, and
    /// none has a weight average unless it says so.
    /// </remarks>
    private sealed record LegacyOptions(LegacyArchitecture Architecture, int BatchSize, double GeneratorLearningRate,
        double DiscriminatorLearningRate, double Beta1, double Beta2, long Seed, double? GeneratorAverageDecay = null,
        AdversarialLoss? Loss = null, double LabelSmoothing = 0)
    {
        public (DcganArchitecture, OptimizationOptions) ToSettings() => (Architecture.ToArchitecture(), new OptimizationOptions
        {
            BatchSize = BatchSize,
            GeneratorLearningRate = GeneratorLearningRate,
            DiscriminatorLearningRate = DiscriminatorLearningRate,
            Beta1 = Beta1,
            Beta2 = Beta2,
            Seed = Seed,
            GeneratorAverageDecay = GeneratorAverageDecay,
            Loss = Loss ?? new NonSaturatingLoss { LabelSmoothing = LabelSmoothing },
        });
    }
}
