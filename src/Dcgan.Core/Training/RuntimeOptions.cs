namespace Dcgan.Training;

/// <summary>Where and how the run executes: device, threads, precision and what to do about a non-finite loss. None of it is stored in a checkpoint.</summary>
public sealed class RuntimeOptions
{
    /// <summary>libtorch's intra-op thread count, or null to leave the process setting alone.</summary>
    /// <value>Default null. Results are bit-identical only for the same seed and the same thread count.</value>
    public int? Threads { get; set; }

    /// <summary>The torch device: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    /// <value>Default <c>cpu</c>.</value>
    public string Device { get; set; } = "cpu";

    /// <summary>What happens when a loss becomes NaN or infinite.</summary>
    /// <value>Default <see cref="NonFiniteLossPolicy.Stop"/>.</value>
    public NonFiniteLossPolicy NonFiniteLoss { get; set; } = NonFiniteLossPolicy.Stop;

    /// <summary>
    /// The arithmetic of the training passes. Like <see cref="Threads"/> it is the running process's choice, not stored in
    /// checkpoints: a run resumed with another precision continues from the same float32 weights with other rounding.
    /// </summary>
    /// <value>Default <see cref="TrainingPrecision.Float32"/>.</value>
    public TrainingPrecision Precision { get; set; } = TrainingPrecision.Float32;

    /// <summary>Lists every problem with these settings; empty when valid.</summary>
    /// <returns>One message per invalid setting, naming it, its value and what was expected.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Threads is <= 0)
            errors.Add($"{nameof(Threads)} must be positive when set, but was {Threads}.");
        if (!IsKnownDevice(Device))
            errors.Add($"{nameof(Device)} must be 'cpu', 'cuda' or 'cuda:N', but was '{Device}'.");
        if (!Enum.IsDefined(NonFiniteLoss))
            errors.Add($"{nameof(NonFiniteLoss)} must be one of {string.Join(", ", Enum.GetNames<NonFiniteLossPolicy>())}, but was {(int)NonFiniteLoss}.");
        if (!Enum.IsDefined(Precision))
            errors.Add($"{nameof(Precision)} must be one of {string.Join(", ", Enum.GetNames<TrainingPrecision>())}, but was {(int)Precision}.");
        return errors;
    }

    /// <summary>A copy that later changes to this instance do not affect.</summary>
    /// <returns>The copy.</returns>
    public RuntimeOptions Clone() => (RuntimeOptions)MemberwiseClone();

    private static bool IsKnownDevice(string? device) =>
        device is "cpu" or "cuda"
        || (device is not null && device.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(device.AsSpan(5), out int index) && index >= 0);
}
