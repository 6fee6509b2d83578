using Dcgan.Training.Losses;

namespace Dcgan.Training;

/// <summary>
/// How the networks learn: batch size, Adam's settings, the seed, the weight average and the loss. A checkpoint stores
/// exactly this object (serialised as it is) beside the architecture, and a resumed run restores it, so the two can
/// never disagree about what a resume keeps.
/// </summary>
public sealed class OptimizationOptions
{
    /// <summary>Images per batch. The last incomplete batch of an epoch is dropped (batch norm needs full batches).</summary>
    /// <value>Default 32 (tuned: twice the steps per epoch of the PyTorch example's 64; <c>docs/tuning.md</c>).</value>
    public int BatchSize { get; set; } = 32;

    /// <summary>Adam learning rate of the generator.</summary>
    /// <value>Default 0.0008, four times the discriminator's (tuned against the PyTorch example's 0.0002; <c>docs/tuning.md</c>).</value>
    public double GeneratorLearningRate { get; set; } = 8e-4;

    /// <summary>Adam learning rate of the discriminator.</summary>
    /// <value>Default 0.0002.</value>
    public double DiscriminatorLearningRate { get; set; } = 2e-4;

    /// <summary>
    /// Generator steps after each discriminator step, each on fresh noise through the updated discriminator. More than
    /// one makes a step costlier and the generator learn more from each batch of real images.
    /// </summary>
    /// <value>Default 2 (Radford et al. took 1); at most <see cref="MaxGeneratorStepsPerBatch"/>.</value>
    public int GeneratorStepsPerBatch { get; set; } = 2;

    /// <summary>The most generator steps per batch <see cref="Validate"/> accepts.</summary>
    public const int MaxGeneratorStepsPerBatch = 10;

    /// <summary>
    /// Over the last this many epochs of the run, both learning rates fall step by step in a straight line from their
    /// set values towards zero (the last step takes 1/N of them, N being the steps of the window); 0 keeps them constant.
    /// A resumed run may change it (<see cref="DcganBuilder.WithLearningRateDecay"/>), to anneal a run that has finished.
    /// </summary>
    /// <value>Default 0 (constant rates); at most <see cref="DcganOptions.Epochs"/>.</value>
    public int LearningRateDecayEpochs { get; set; }

    /// <summary>Adam's first-moment decay, for both networks.</summary>
    /// <value>Default 0.5 (Radford et al.; 0.9 made training oscillate).</value>
    public double Beta1 { get; set; } = 0.5;

    /// <summary>Adam's second-moment decay, for both networks.</summary>
    /// <value>Default 0.999.</value>
    public double Beta2 { get; set; } = 0.999;

    /// <summary>Seed of the weight initialisation, the shuffles, the noise and the fixed sample noise.</summary>
    /// <value>Default 42.</value>
    public long Seed { get; set; } = 42;

    /// <summary>
    /// Decay of an exponential moving average of the generator's weights, or null for none. With an average, sample
    /// grids, the saved generator and <see cref="TrainingResult.Generator"/> use the averaged weights; training itself
    /// is unchanged.
    /// </summary>
    /// <value>Default 0.999 (tuned; <c>docs/tuning.md</c>); null for none.</value>
    public double? GeneratorAverageDecay { get; set; } = 0.999;

    /// <summary>
    /// The adversarial objective: <see cref="NonSaturatingLoss"/> (which owns label smoothing), <see cref="HingeLoss"/>
    /// or <see cref="WassersteinGradientPenaltyLoss"/>.
    /// </summary>
    /// <value>Default the non-saturating loss without label smoothing.</value>
    public AdversarialLoss Loss { get; set; } = new NonSaturatingLoss();

    /// <summary>Lists every problem with these settings; empty when valid.</summary>
    /// <returns>One message per invalid setting, naming it, its value and what was expected.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (BatchSize < 2)
            errors.Add($"{nameof(BatchSize)} must be at least 2 (batch norm needs two images), but was {BatchSize}.");
        CheckRate(errors, nameof(GeneratorLearningRate), GeneratorLearningRate);
        CheckRate(errors, nameof(DiscriminatorLearningRate), DiscriminatorLearningRate);
        if (GeneratorStepsPerBatch is < 1 or > MaxGeneratorStepsPerBatch)
            errors.Add($"{nameof(GeneratorStepsPerBatch)} must be from 1 to {MaxGeneratorStepsPerBatch}, but was {GeneratorStepsPerBatch}.");
        if (LearningRateDecayEpochs < 0)
            errors.Add($"{nameof(LearningRateDecayEpochs)} must be 0 (constant rates) or more, but was {LearningRateDecayEpochs}.");
        CheckBeta(errors, nameof(Beta1), Beta1);
        CheckBeta(errors, nameof(Beta2), Beta2);
        if (GeneratorAverageDecay is double decay && (!double.IsFinite(decay) || decay <= 0 || decay >= 1))
            errors.Add($"{nameof(GeneratorAverageDecay)} must be in (0, 1) when set, but was {decay}.");
        if (Loss is null)
            errors.Add($"{nameof(Loss)} must not be null.");
        else
            errors.AddRange(Loss.Validate().Select(e => $"{nameof(Loss)} ({Loss.Name}): {e}"));
        return errors;
    }

    /// <summary>A copy that later changes to this instance do not affect.</summary>
    /// <returns>The copy.</returns>
    public OptimizationOptions Clone() => (OptimizationOptions)MemberwiseClone();

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
}
