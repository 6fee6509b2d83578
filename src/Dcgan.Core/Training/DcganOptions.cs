using Dcgan.Models;

namespace Dcgan.Training;

/// <summary>
/// Every setting of a training run. <see cref="DcganBuilder"/> fills it; the trainer keeps a validated copy.
/// Defaults follow Radford et al. and the PyTorch DCGAN example; see <c>docs/configuration.md</c>.
/// </summary>
public sealed class DcganOptions
{
    /// <summary>The network shape (latent size, image size, channels, widths, discriminator options, classes).</summary>
    /// <value>
    /// Default: latent 100, 28 px, 1 channel, 64 feature maps in both networks, and in the discriminator a minibatch
    /// standard-deviation channel and minibatch discrimination with 50 kernels of 5 dimensions (tuned; the measurements
    /// are in <c>docs/tuning.md</c>). A bare <c>new DcganArchitecture()</c> is the plain DCGAN without either.
    /// </value>
    public DcganArchitecture Architecture { get; set; } = new() { MinibatchStdDev = true, MinibatchDiscriminationKernels = 50 };

    /// <summary>Passes over the training data.</summary>
    /// <value>Default 5.</value>
    public int Epochs { get; set; } = 5;

    /// <summary>Images per batch. The last incomplete batch of an epoch is dropped (batch norm needs full batches).</summary>
    /// <value>Default 32 (tuned: twice the steps per epoch of the PyTorch example's 64; <c>docs/tuning.md</c>).</value>
    public int BatchSize { get; set; } = 32;

    /// <summary>Adam learning rate of the generator.</summary>
    /// <value>
    /// Default 0.0008, four times the discriminator's (tuned against the PyTorch example's 0.0002; <c>docs/tuning.md</c>).
    /// </value>
    public double GeneratorLearningRate { get; set; } = 8e-4;

    /// <summary>Adam learning rate of the discriminator.</summary>
    /// <value>Default 0.0002.</value>
    public double DiscriminatorLearningRate { get; set; } = 2e-4;

    /// <summary>Adam's first-moment decay, for both networks.</summary>
    /// <value>Default 0.5 (Radford et al.; 0.9 made training oscillate).</value>
    public double Beta1 { get; set; } = 0.5;

    /// <summary>Adam's second-moment decay, for both networks.</summary>
    /// <value>Default 0.999.</value>
    public double Beta2 { get; set; } = 0.999;

    /// <summary>Seed of the weight initialisation, the shuffles, the noise and the fixed sample noise.</summary>
    /// <value>Default 42.</value>
    public long Seed { get; set; } = 42;

    /// <summary>libtorch's intra-op thread count, or null to leave the process setting alone.</summary>
    /// <value>Default null. Results are bit-identical only for the same seed and the same thread count.</value>
    public int? Threads { get; set; }

    /// <summary>The torch device: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    /// <value>Default <c>cpu</c>.</value>
    public string Device { get; set; } = "cpu";

    /// <summary>Where sample grids and model files go, or null to write nothing.</summary>
    /// <value>Default null.</value>
    public string? OutputDirectory { get; set; }

    /// <summary>A sample grid is written every this many epochs (and always after the last).</summary>
    /// <value>Default 1.</value>
    public int SampleInterval { get; set; } = 1;

    /// <summary>Images in each sample grid, drawn from fixed noise so grids are comparable across epochs.</summary>
    /// <value>Default 64 (an 8x8 grid).</value>
    public int SampleCount { get; set; } = 64;

    /// <summary>Whether a sample grid from fixed noise is written to <c>samples/epoch_NNN.png</c> (needs an output directory).</summary>
    /// <value>Default true.</value>
    public bool WriteSampleGrids { get; set; } = true;

    /// <summary>Whether <c>progress.gif</c> (every epoch grid as one animation) is rebuilt after each grid.</summary>
    /// <value>Default true.</value>
    public bool WriteProgressGif { get; set; } = true;

    /// <summary>Whether <c>interpolation.png</c> (a walk through latent space) is written at the end.</summary>
    /// <value>Default true.</value>
    public bool WriteInterpolation { get; set; } = true;

    /// <summary>A row is appended to <c>metrics.csv</c> every this many steps; 0 writes no metrics file.</summary>
    /// <value>Default 10.</value>
    public int MetricsInterval { get; set; } = 10;

    /// <summary>
    /// Decay of an exponential moving average of the generator's weights, or null for none. With an average,
    /// sample grids, the saved generator and <see cref="Training.TrainingResult.Generator"/> use the averaged
    /// weights; training itself is unchanged.
    /// </summary>
    /// <value>Default 0.999 (tuned; <c>docs/tuning.md</c>); null for none.</value>
    public double? GeneratorAverageDecay { get; set; } = 0.999;

    /// <summary>
    /// The adversarial objective: <see cref="Training.Losses.NonSaturatingLoss"/> (which owns label smoothing),
    /// <see cref="Training.Losses.HingeLoss"/> or <see cref="Training.Losses.WassersteinGradientPenaltyLoss"/>.
    /// </summary>
    /// <value>Default the non-saturating loss without label smoothing.</value>
    public Training.Losses.AdversarialLoss Loss { get; set; } = new Training.Losses.NonSaturatingLoss();

    /// <summary>What happens when a loss becomes NaN or infinite.</summary>
    /// <value>Default <see cref="Training.NonFiniteLossPolicy.Stop"/>.</value>
    public Training.NonFiniteLossPolicy NonFiniteLoss { get; set; } = Training.NonFiniteLossPolicy.Stop;

    /// <summary>Where checkpoints go, or null for none.</summary>
    /// <value>Default null.</value>
    public string? CheckpointDirectory { get; set; }

    /// <summary>A checkpoint is written every this many epochs (and after the last).</summary>
    /// <value>Default 1.</value>
    public int CheckpointInterval { get; set; } = 1;

    /// <summary>How many of the newest checkpoints are kept; older ones are deleted.</summary>
    /// <value>Default 3.</value>
    public int CheckpointsToKeep { get; set; } = 3;

    /// <summary>
    /// A checkpoint to continue from, or null to start fresh. A resumed run takes the checkpoint's
    /// architecture, batch size, learning rates, betas, seed and sample count, and trains until
    /// <see cref="Epochs"/> epochs are done in total.
    /// </summary>
    /// <value>Default null.</value>
    public string? ResumeFrom { get; set; }

    /// <summary>
    /// Lists every problem with these options; empty when valid. It only reads the options: whether the directories
    /// can be written is checked by <see cref="DcganBuilder.Build"/>.
    /// </summary>
    /// <returns>One message per invalid setting, naming it, its value and what was expected.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Architecture is null)
            errors.Add($"{nameof(Architecture)} must not be null.");
        else
            errors.AddRange(Architecture.Validate());
        if (Epochs <= 0)
            errors.Add($"{nameof(Epochs)} must be positive, but was {Epochs}.");
        if (BatchSize < 2)
            errors.Add($"{nameof(BatchSize)} must be at least 2 (batch norm needs two images), but was {BatchSize}.");
        else if (Architecture is { DiscriminatorPacking: > 1 and var packing } && (BatchSize % packing != 0 || BatchSize < 2 * packing))
            errors.Add($"{nameof(BatchSize)} must be a multiple of the discriminator packing {packing} and hold at least two packs, but was {BatchSize}.");
        CheckRate(errors, nameof(GeneratorLearningRate), GeneratorLearningRate);
        CheckRate(errors, nameof(DiscriminatorLearningRate), DiscriminatorLearningRate);
        CheckBeta(errors, nameof(Beta1), Beta1);
        CheckBeta(errors, nameof(Beta2), Beta2);
        if (Threads is <= 0)
            errors.Add($"{nameof(Threads)} must be positive when set, but was {Threads}.");
        if (!IsKnownDevice(Device))
            errors.Add($"{nameof(Device)} must be 'cpu', 'cuda' or 'cuda:N', but was '{Device}'.");
        if (SampleInterval <= 0)
            errors.Add($"{nameof(SampleInterval)} must be positive, but was {SampleInterval}.");
        if (GeneratorAverageDecay is double decay && (!double.IsFinite(decay) || decay <= 0 || decay >= 1))
            errors.Add($"{nameof(GeneratorAverageDecay)} must be in (0, 1) when set, but was {decay}.");
        if (Loss is null)
            errors.Add($"{nameof(Loss)} must not be null.");
        else
        {
            errors.AddRange(Loss.Validate().Select(e => $"{nameof(Loss)} ({Loss.Name}): {e}"));
            if (!Loss.AllowsBatchNorm && Architecture is { DiscriminatorBatchNorm: true })
                errors.Add($"{nameof(Loss)} {Loss.Name} needs a discriminator without batch norm (its penalty is per image); set {nameof(Architecture)}.{nameof(DcganArchitecture.DiscriminatorBatchNorm)} = false (WithLoss does).");
        }
        if (MetricsInterval < 0)
            errors.Add($"{nameof(MetricsInterval)} must be 0 (off) or positive, but was {MetricsInterval}.");
        if (SampleCount <= 0)
            errors.Add($"{nameof(SampleCount)} must be positive, but was {SampleCount}.");
        if (OutputDirectory is not null && string.IsNullOrWhiteSpace(OutputDirectory))
            errors.Add($"{nameof(OutputDirectory)} must not be empty; use null to write nothing.");
        if (CheckpointDirectory is not null && string.IsNullOrWhiteSpace(CheckpointDirectory))
            errors.Add($"{nameof(CheckpointDirectory)} must not be empty; use null for no checkpoints.");
        if (CheckpointInterval <= 0)
            errors.Add($"{nameof(CheckpointInterval)} must be positive, but was {CheckpointInterval}.");
        if (CheckpointsToKeep <= 0)
            errors.Add($"{nameof(CheckpointsToKeep)} must be positive, but was {CheckpointsToKeep}.");
        return errors;
    }

    /// <summary>A copy that later changes to this instance do not affect.</summary>
    /// <returns>The copy.</returns>
    public DcganOptions Clone() => (DcganOptions)MemberwiseClone();

    private static void CheckRate(List<string> errors, string name, double value)
    {
        if (!double.IsFinite(value) || value <= 0)
            errors.Add($"{name} must be a finite positive number, but was {value}.");
    }

    private static void CheckBeta(List<string> errors, string name, double value)
    {
        if (!double.IsFinite(value) || value < 0 || value >= 1)
            errors.Add($"{name} must be in [0, 1), but was {value}.");
    }

    private static bool IsKnownDevice(string? device) =>
        device is "cpu" or "cuda"
        || (device is not null && device.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(device.AsSpan(5), out int index) && index >= 0);
}
