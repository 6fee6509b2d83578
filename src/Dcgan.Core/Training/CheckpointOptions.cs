namespace Dcgan.Training;

/// <summary>Where and how often a run saves everything needed to continue it, and which checkpoint it continues from.</summary>
public sealed class CheckpointOptions
{
    /// <summary>Where checkpoints go, or null for none.</summary>
    /// <value>Default null.</value>
    public string? Directory { get; set; }

    /// <summary>A checkpoint is written every this many epochs (and after the last).</summary>
    /// <value>Default 1.</value>
    public int Interval { get; set; } = 1;

    /// <summary>How many of the newest checkpoints are kept; older ones are deleted.</summary>
    /// <value>Default 3.</value>
    public int Keep { get; set; } = 3;

    /// <summary>
    /// A checkpoint to continue from, or null to start fresh. A resumed run takes the checkpoint's architecture, its
    /// <see cref="OptimizationOptions"/> and its fixed sample noise, and trains until <see cref="DcganOptions.Epochs"/>
    /// epochs are done in total.
    /// </summary>
    /// <value>Default null.</value>
    public string? ResumeFrom { get; set; }

    /// <summary>Lists every problem with these settings; empty when valid. Whether the directory can be written is checked by <see cref="DcganBuilder.Build"/>.</summary>
    /// <returns>One message per invalid setting, naming it, its value and what was expected.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Directory is not null && string.IsNullOrWhiteSpace(Directory))
            errors.Add($"{nameof(Directory)} must not be empty; use null for no checkpoints.");
        if (Interval <= 0)
            errors.Add($"{nameof(Interval)} must be positive, but was {Interval}.");
        if (Keep <= 0)
            errors.Add($"{nameof(Keep)} must be positive, but was {Keep}.");
        if (ResumeFrom is not null && string.IsNullOrWhiteSpace(ResumeFrom))
            errors.Add($"{nameof(ResumeFrom)} must not be empty; use null to start fresh.");
        return errors;
    }

    /// <summary>A copy that later changes to this instance do not affect.</summary>
    /// <returns>The copy.</returns>
    public CheckpointOptions Clone() => (CheckpointOptions)MemberwiseClone();
}
