namespace Dcgan.Training;

/// <summary>The arithmetic of the training step's forward and backward passes.</summary>
public enum TrainingPrecision
{
    /// <summary>float32 throughout. The default.</summary>
    Float32,

    /// <summary>
    /// Mixed precision: the networks' forward and backward passes run on bfloat16 working copies, while the weights the
    /// optimizers update, their Adam state, the weight average, checkpoints and saved files stay float32. Faster where the
    /// processor has bfloat16 instructions (AVX-512 BF16, AMX); the results differ from <see cref="Float32"/>'s by rounding.
    /// </summary>
    BFloat16,
}
