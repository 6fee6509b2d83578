namespace Dcgan.Training;

/// <summary>Where and how the run executes: device, threads and what to do about a non-finite loss. None of it is stored in a checkpoint.</summary>
public sealed class RuntimeOptions
{
    /// <summary>libtorch's intra-op thread count, or null to leave the process setting alone.</summary>
    /// <value>Default null. Results are bit-identical only for the same seed and the same thread count.</value>
    public int? Threads { get; set; }

    /// <summary>The torch device: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    /// <value>Default <c>cpu</c>.</value>
    public string Device { get; set; } = "cpu";

    /// <summary>
    /// Whether training keeps the native memory libtorch frees for its next step. On Linux with glibc, glibc's malloc
    /// may settle into handing large freed blocks back to the kernel, and every page is then faulted in again at the
    /// next step. When true, <see cref="AdversarialTrainer.Train"/> fixes malloc's mmap threshold at 256 MB and its
    /// trim threshold at 1 GB, once for the whole process (<c>mallopt</c>), and the resident size stays near the run's
    /// peak. The cost: buffers then sit at addresses that depend on what the process allocated before, and libtorch's
    /// kernels round differently at different alignments, so a second run in the same process is no longer bit-identical
    /// to the first (a fresh process with the same seed and threads still is). Elsewhere it does nothing.
    /// </summary>
    /// <value>Default false: malloc's settings are left alone and runs stay bit-reproducible within a process.</value>
    public bool KeepFreedNativeMemory { get; set; }

    /// <summary>What happens when a loss becomes NaN or infinite.</summary>
    /// <value>Default <see cref="NonFiniteLossPolicy.Stop"/>.</value>
    public NonFiniteLossPolicy NonFiniteLoss { get; set; } = NonFiniteLossPolicy.Stop;

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
        return errors;
    }

    /// <summary>A copy that later changes to this instance do not affect.</summary>
    /// <returns>The copy.</returns>
    public RuntimeOptions Clone() => (RuntimeOptions)MemberwiseClone();

    private static bool IsKnownDevice(string? device) =>
        device is "cpu" or "cuda"
        || (device is not null && device.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(device.AsSpan(5), out int index) && index >= 0);
}
