using Dcgan.Models;

namespace Dcgan.Training;

/// <summary>
/// Every setting of a training run, grouped by how long it lives: the <see cref="Architecture"/> and the
/// <see cref="Optimization"/> are what a checkpoint stores and a resume restores; <see cref="Outputs"/>,
/// <see cref="Checkpoints"/> and <see cref="Runtime"/> belong to one process and may change between a run and its
/// resume. <see cref="DcganBuilder"/>'s <c>With…</c> methods and <see cref="DcganBuilder.Configure"/> both edit this one
/// object, so anything one can say the other can. Defaults are described in <c>docs/configuration.md</c>.
/// </summary>
public sealed class DcganOptions
{
    /// <summary>The two networks: shared shape, generator part, discriminator part.</summary>
    /// <value>Default the tuned architecture (<c>new DcganArchitecture()</c>); <see cref="DcganArchitecture.Plain"/> is Radford et al.'s.</value>
    public DcganArchitecture Architecture { get; set; } = new();

    /// <summary>
    /// Whether <see cref="DcganBuilder.Build"/> sets <see cref="ImageShape.Channels"/> to the data source's channel
    /// count. <see cref="DcganBuilder.WithChannels"/> turns it off; with it off, a data source of another channel count
    /// is an error.
    /// </summary>
    /// <value>Default true.</value>
    public bool ChannelsFromDataSource { get; set; } = true;

    /// <summary>
    /// Whether <see cref="DcganBuilder.Build"/> sets <see cref="ImageShape.ClassNames"/> to the data source's classes,
    /// training a class-conditional pair (<see cref="DcganBuilder.WithClassConditioning()"/>).
    /// </summary>
    /// <value>Default false.</value>
    public bool ClassesFromDataSource { get; set; }

    /// <summary>Passes over the training data to reach; a resumed run counts the checkpoint's epochs towards it.</summary>
    /// <value>Default 5.</value>
    public int Epochs { get; set; } = 5;

    /// <summary>How the networks learn (batch size, Adam, seed, weight average, loss).</summary>
    public OptimizationOptions Optimization { get; set; } = new();

    /// <summary>What the run writes for people (grids, animation, interpolation, metrics, model files).</summary>
    public OutputOptions Outputs { get; set; } = new();

    /// <summary>Where checkpoints go and which one to resume from.</summary>
    public CheckpointOptions Checkpoints { get; set; } = new();

    /// <summary>Device, threads and the non-finite loss policy.</summary>
    public RuntimeOptions Runtime { get; set; } = new();

    /// <summary>
    /// Lists every problem with these options; empty when valid. It only reads the options: whether the directories
    /// can be written is checked by <see cref="DcganBuilder.Build"/>.
    /// </summary>
    /// <returns>One message per invalid setting, naming it (with its group), its value and what was expected.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Architecture is null)
            errors.Add($"{nameof(Architecture)} must not be null.");
        else
            errors.AddRange(Architecture.Validate().Select(e => $"{nameof(Architecture)}: {e}"));
        if (Epochs <= 0)
            errors.Add($"{nameof(Epochs)} must be positive, but was {Epochs}.");
        Add(errors, nameof(Optimization), Optimization?.Validate());
        Add(errors, nameof(Outputs), Outputs?.Validate());
        Add(errors, nameof(Checkpoints), Checkpoints?.Validate());
        Add(errors, nameof(Runtime), Runtime?.Validate());

        if (Optimization is { LearningRateDecayEpochs: > 0 } decaying && decaying.LearningRateDecayEpochs > Epochs && Epochs > 0)
            errors.Add($"{nameof(Optimization)}: {nameof(OptimizationOptions.LearningRateDecayEpochs)} must not exceed {nameof(Epochs)} {Epochs}, but was {decaying.LearningRateDecayEpochs}.");
        if (Architecture?.Discriminator is { } discriminator && Optimization is { } optimization)
        {
            int packing = discriminator.Packing;
            if (packing > 1 && optimization.BatchSize >= 2 && (optimization.BatchSize % packing != 0 || optimization.BatchSize < 2 * packing))
                errors.Add($"{nameof(Optimization)}: {nameof(OptimizationOptions.BatchSize)} must be a multiple of the discriminator packing {packing} and hold at least two packs, but was {optimization.BatchSize}.");
            if (optimization.Loss is { AllowsBatchNorm: false } loss && discriminator.BatchNorm)
                errors.Add($"{nameof(Optimization)}: {nameof(OptimizationOptions.Loss)} {loss.Name} needs a discriminator without batch norm (its penalty is per image); set {nameof(Architecture)}.Discriminator.BatchNorm = false (WithLoss does).");
        }
        return errors;
    }

    /// <summary>A deep copy that later changes to this instance (or its groups) do not affect.</summary>
    /// <returns>The copy.</returns>
    public DcganOptions Clone()
    {
        var copy = (DcganOptions)MemberwiseClone();
        copy.Optimization = Optimization?.Clone()!;
        copy.Outputs = Outputs?.Clone()!;
        copy.Checkpoints = Checkpoints?.Clone()!;
        copy.Runtime = Runtime?.Clone()!;
        return copy;
    }

    private static void Add(List<string> errors, string group, IReadOnlyList<string>? groupErrors)
    {
        if (groupErrors is null)
            errors.Add($"{group} must not be null.");
        else
            errors.AddRange(groupErrors.Select(e => $"{group}: {e}"));
    }
}
