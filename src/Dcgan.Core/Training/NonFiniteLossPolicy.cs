namespace Dcgan.Training;

/// <summary>What the trainer does when a step's loss is NaN or infinite.</summary>
public enum NonFiniteLossPolicy
{
    /// <summary>Stop with a <see cref="TrainingDivergedException"/> naming the epoch, the step and the loss; checkpoints already written stay as they are. The default.</summary>
    Stop,

    /// <summary>Skip the batch (no optimizer step for either network), log it as a warning, and go on.</summary>
    SkipBatch,
}
