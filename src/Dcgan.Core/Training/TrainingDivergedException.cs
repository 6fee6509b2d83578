namespace Dcgan.Training;

/// <summary>
/// Thrown by training when a loss stops being finite and <see cref="NonFiniteLossPolicy.Stop"/> is in force: the weights
/// of that step were not updated, and checkpoints already written are untouched, so training can resume from the newest one.
/// </summary>
/// <remarks>
/// Derives from <see cref="InvalidOperationException"/>, which training threw for this case before the type existed.
/// </remarks>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception for the step whose loss was not finite.</summary>
    /// <param name="epoch">The 1-based epoch of the step.</param>
    /// <param name="step">The 1-based step counted over the whole run.</param>
    /// <param name="loss">Which loss was not finite: <c>discriminator</c> or <c>generator</c>.</param>
    public TrainingDivergedException(int epoch, long step, string loss)
        : base($"Training diverged at epoch {epoch}, step {step}: the {loss} loss is not finite. Lower the learning rates, check the data, or resume from the last checkpoint; WithNonFiniteLossPolicy(SkipBatch) skips such batches instead.")
    {
        Epoch = epoch;
        Step = step;
        Loss = loss;
    }

    /// <summary>The 1-based epoch of the step whose loss was not finite.</summary>
    public int Epoch { get; }

    /// <summary>The 1-based step, counted over the whole run, whose loss was not finite.</summary>
    public long Step { get; }

    /// <summary>Which loss was not finite: <c>discriminator</c> or <c>generator</c>.</summary>
    public string Loss { get; }
}
