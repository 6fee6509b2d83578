using TorchSharp.Modules;

namespace Dcgan.Training;

/// <summary>
/// The rates of <see cref="OptimizationOptions.LearningRateDecayEpochs"/>: constant until the last epochs of the run, then
/// falling in a straight line, step by step, towards zero.
/// </summary>
/// <remarks>
/// The rate is computed from the run's step index rather than kept by one of libtorch's schedulers, whose state counts the
/// steps it has seen: a resumed run, whose window may even have been changed on resume, then needs nothing restored.
/// </remarks>
internal sealed class LearningRateDecay
{
    private readonly OptimizationOptions optimization;
    private readonly long totalSteps;
    private readonly long decaySteps;

    /// <summary>A decay for a run of <paramref name="epochs"/> epochs of <paramref name="stepsPerEpoch"/> steps.</summary>
    public LearningRateDecay(OptimizationOptions optimization, int epochs, int stepsPerEpoch)
    {
        this.optimization = optimization;
        totalSteps = (long)epochs * stepsPerEpoch;
        decaySteps = (long)optimization.LearningRateDecayEpochs * stepsPerEpoch;
    }

    /// <summary>
    /// The share of the set rates that step <paramref name="step"/> (1-based, counted over the whole run) takes: 1 before the
    /// window, then 1, (n-1)/n, ..., 1/n over its n steps.
    /// </summary>
    public double Factor(long step) =>
        decaySteps <= 0 ? 1 : Math.Clamp((double)(totalSteps - step + 1) / decaySteps, 1.0 / decaySteps, 1);

    /// <summary>Sets both optimizers' rates for <paramref name="step"/>.</summary>
    /// <remarks>
    /// Set before every step, constant or not: the optimizer state a checkpoint restores carries the rate it was saved
    /// with, which for an annealed run is not the set one.
    /// </remarks>
    public void Apply(long step, Adam generator, Adam discriminator)
    {
        double factor = Factor(step);
        SetRate(generator, optimization.GeneratorLearningRate * factor);
        SetRate(discriminator, optimization.DiscriminatorLearningRate * factor);
    }

    private static void SetRate(Adam optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups)
            group.LearningRate = rate;
    }
}
