using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dcgan.Models;
using Dcgan.Persistence;
using Dcgan.Training.Losses;
using TorchSharp;
using TorchSharp.Modules;
using static Dcgan.Persistence.CheckpointFile;
using static TorchSharp.torch;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Training;

/// <summary>
/// What a training checkpoint holds and how the trainer's state maps onto it: both networks (<c>generator.*</c>,
/// <c>discriminator.*</c>, and <c>generator_average.*</c> with a weight average), both Adam states, the random state,
/// the fixed sample noise, and in the metadata the epoch, the step, the architecture and the <see cref="OptimizationOptions"/>
/// (each as JSON, serialised as they are, so what a resume restores is exactly what was stored) and the history. A
/// checkpoint written when training is interrupted also holds the epoch's position (<see cref="EpochPosition"/>: the
/// tensor <c>epoch_order</c>, the keys <c>epoch_steps_done</c> and <c>epoch_sums</c>), so that a resume continues the epoch
/// where it stopped, with the same result as a run never interrupted. The file itself (format, version, atomic writes) is <see cref="CheckpointFile"/>'s.
/// </summary>
internal static class TrainingCheckpoint
{
    private const string EpochOrderKey = "epoch_order";
    private const string EpochStepsDoneKey = "epoch_steps_done";
    private const string EpochSumsKey = "epoch_sums";

    /// <summary>Writes the trainer's state after <paramref name="epoch"/> completed epochs and <paramref name="step"/> steps, and where the next epoch stands when it was interrupted.</summary>
    internal static void Write(string path, DcganOptions options, int epoch, long step, Generator generator, Generator? average, Discriminator discriminator,
        Adam generatorOptimizer, Adam discriminatorOptimizer, torch.Generator random, Tensor fixedNoise, IReadOnlyList<EpochSummary> history, double trainingSeconds, string dataSource,
        EpochPosition? position)
    {
        var metadata = new Dictionary<string, string>
        {
            ["epoch"] = epoch.ToString(CultureInfo.InvariantCulture),
            ["step"] = step.ToString(CultureInfo.InvariantCulture),
            [ArchitectureKey] = JsonSerializer.Serialize(options.Architecture),
            [OptimizationKey] = JsonSerializer.Serialize(options.Optimization),
            [HistoryKey] = JsonSerializer.Serialize(history),
            ["training_seconds"] = trainingSeconds.ToString("R", CultureInfo.InvariantCulture),
            ["data_source"] = dataSource,
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
        if (position is not null)
        {
            metadata[EpochStepsDoneKey] = position.StepsDone.ToString(CultureInfo.InvariantCulture);
            metadata[EpochSumsKey] = JsonSerializer.Serialize(position.Sums);
            tensors.Add(KeyValuePair.Create(EpochOrderKey, position.Order));
        }
        CheckpointFile.Write(path, metadata, tensors.Select(p => TensorEntries.ToEntry(p.Key, p.Value)));
    }

    /// <summary>What a resume restores before the trainer exists.</summary>
    internal sealed record Resumable(DcganArchitecture Architecture, OptimizationOptions Optimization, int Epoch, int SampleCount);

    /// <summary>Reads what the builder restores before the trainer exists: architecture, optimisation, epoch and the fixed noise's count.</summary>
    internal static Resumable ReadResumable(string path)
    {
        SafetensorsContent content = CheckpointFile.Read(path);
        (DcganArchitecture architecture, OptimizationOptions optimization) = ParseSettings(content, path);
        // The trainer builds the declared networks next: refuse a checkpoint whose tensors do not fit them first.
        ModelFile.CheckDeclaredShapes(device => new Generator(architecture.Shape, architecture.Generator, seed: 0, device), Only(content, "generator."), "generator.", path);
        ModelFile.CheckDeclaredShapes(device => new Discriminator(architecture.Shape, architecture.Discriminator, seed: 0, device), Only(content, "discriminator."), "discriminator.", path);
        SafetensorsEntry fixedNoise = Required(content, "fixed_noise", path);
        if (fixedNoise.Shape.Length == 0 || fixedNoise.Shape[0] is <= 0 or > int.MaxValue)
            throw new InvalidDataException($"Checkpoint '{path}' has fixed noise of shape [{string.Join(", ", fixedNoise.Shape)}]; expected [count, latent size].");
        return new Resumable(architecture, optimization, ParseInt(content, "epoch", path), (int)fixedNoise.Shape[0]);
    }

    internal static CheckpointState Restore(string path, Generator generator, Generator? average, Discriminator discriminator, Adam generatorOptimizer, Adam discriminatorOptimizer)
    {
        SafetensorsContent content = CheckpointFile.Read(path);
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
            ParseTrainingSeconds(content),
            ReadPosition(content, path));
    }

    private static EpochPosition? ReadPosition(SafetensorsContent content, string path)
    {
        if (!content.Metadata.ContainsKey(EpochStepsDoneKey))
            return null;
        int stepsDone = ParseInt(content, EpochStepsDoneKey, path);
        StepMetrics sums = ParseJson<StepMetrics>(content, EpochSumsKey, path, "interrupted epoch's metrics");
        SafetensorsEntry order = Required(content, EpochOrderKey, path);
        if (order.Dtype != "I64" || order.Shape.Length != 1)
            throw new InvalidDataException($"Checkpoint '{path}': '{EpochOrderKey}' must be an I64 vector, but is {order.Dtype} [{string.Join(", ", order.Shape)}].");
        return new EpochPosition(TensorEntries.ToTensor(order), stepsDone, sums);
    }

    /// <summary>The architecture (validated, whatever the version) and the optimisation settings as stored.</summary>
    private static (DcganArchitecture Architecture, OptimizationOptions Optimization) ParseSettings(SafetensorsContent content, string path) =>
        (ReadArchitecture(content, path), content.Metadata.ContainsKey(LegacyOptionsKey)
            ? ParseJson<LegacyOptions>(content, LegacyOptionsKey, path, "options").ToOptimization()
            : ParseOptimization(content, path));

    /// <summary>What every run took before <see cref="OptimizationOptions.GeneratorStepsPerBatch"/> was stored: one step.</summary>
    private const int GeneratorStepsBeforeTheSetting = 1;

    /// <summary>
    /// The stored settings; a setting added after the checkpoint was written takes the value that reproduces the run
    /// that wrote it, not today's default.
    /// </summary>
    private static OptimizationOptions ParseOptimization(SafetensorsContent content, string path)
    {
        OptimizationOptions stored = ParseJson<OptimizationOptions>(content, OptimizationKey, path, "optimisation settings");
        if (ParseJson<JsonObject>(content, OptimizationKey, path, "optimisation settings")[nameof(OptimizationOptions.GeneratorStepsPerBatch)] is null)
            stored.GeneratorStepsPerBatch = GeneratorStepsBeforeTheSetting;
        return stored;
    }

    private static IReadOnlyList<EpochSummary> ParseHistory(SafetensorsContent content, string path) =>
        content.Metadata.ContainsKey(HistoryKey) ? ParseJson<List<EpochSummary>>(content, HistoryKey, path, "history") : [];

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
        catch (Exception ex)
        {
            // TorchSharp throws its own InvalidDataException, without the file, for a state of another optimizer.
            throw new InvalidDataException($"Checkpoint '{path}': the optimizer state '{name}' does not fit the model: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The optimisation part of the flat options record of version 1 checkpoints, frozen as they wrote it (its
    /// <c>Architecture</c> is read by <see cref="CheckpointFile.ReadArchitecture"/>).
    /// </summary>
    /// <remarks>
    /// The oldest of them have no <c>Loss</c> and keep the non-saturating loss's smoothing in <c>LabelSmoothing</c>, and
    /// none has a weight average unless it says so.
    /// </remarks>
    private sealed record LegacyOptions(int BatchSize, double GeneratorLearningRate,
        double DiscriminatorLearningRate, double Beta1, double Beta2, long Seed, double? GeneratorAverageDecay = null,
        AdversarialLoss? Loss = null, double LabelSmoothing = 0)
    {
        public OptimizationOptions ToOptimization() => new()
        {
            BatchSize = BatchSize,
            GeneratorLearningRate = GeneratorLearningRate,
            DiscriminatorLearningRate = DiscriminatorLearningRate,
            Beta1 = Beta1,
            Beta2 = Beta2,
            Seed = Seed,
            GeneratorAverageDecay = GeneratorAverageDecay,
            Loss = Loss ?? new NonSaturatingLoss { LabelSmoothing = LabelSmoothing },
            GeneratorStepsPerBatch = GeneratorStepsBeforeTheSetting,
        };
    }
}
