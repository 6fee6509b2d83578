namespace Dcgan.Training;

/// <summary>What a run writes for people to look at: sample grids, the progress animation, the interpolation strip, the metrics file, the TensorBoard file and the model files.</summary>
public sealed class OutputOptions
{
    /// <summary>Where sample grids, metrics and model files go, or null to write nothing.</summary>
    /// <value>Default null.</value>
    public string? Directory { get; set; }

    /// <summary>A sample grid is written every this many epochs (and always after the last).</summary>
    /// <value>Default 1.</value>
    public int SampleInterval { get; set; } = 1;

    /// <summary>
    /// Images in each sample grid, drawn from fixed noise so grids are comparable across epochs. A resumed run keeps the
    /// checkpoint's fixed noise, and so its count.
    /// </summary>
    /// <value>Default 64 (an 8x8 grid).</value>
    public int SampleCount { get; set; } = 64;

    /// <summary>Whether a sample grid from fixed noise is written to <c>samples/epoch_NNN.png</c>.</summary>
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
    /// Where a TensorBoard event file is written (the metrics every <see cref="MetricsInterval"/> steps and the sample grid
    /// every <see cref="SampleInterval"/> epochs), or null for none; independent of <see cref="Directory"/>.
    /// </summary>
    /// <value>Default null.</value>
    public string? TensorBoardDirectory { get; set; }

    /// <summary>Lists every problem with these settings; empty when valid. Whether the directory can be written is checked by <see cref="DcganBuilder.Build"/>.</summary>
    /// <returns>One message per invalid setting, naming it, its value and what was expected.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Directory is not null && string.IsNullOrWhiteSpace(Directory))
            errors.Add($"{nameof(Directory)} must not be empty; use null to write nothing.");
        if (TensorBoardDirectory is not null && string.IsNullOrWhiteSpace(TensorBoardDirectory))
            errors.Add($"{nameof(TensorBoardDirectory)} must not be empty; use null for no TensorBoard file.");
        if (SampleInterval <= 0)
            errors.Add($"{nameof(SampleInterval)} must be positive, but was {SampleInterval}.");
        if (SampleCount <= 0)
            errors.Add($"{nameof(SampleCount)} must be positive, but was {SampleCount}.");
        if (MetricsInterval < 0)
            errors.Add($"{nameof(MetricsInterval)} must be 0 (off) or positive, but was {MetricsInterval}.");
        return errors;
    }

    /// <summary>A copy that later changes to this instance do not affect.</summary>
    /// <returns>The copy.</returns>
    public OutputOptions Clone() => (OutputOptions)MemberwiseClone();
}
