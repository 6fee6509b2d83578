using Dcgan.Models;
using static TorchSharp.torch;

namespace Dcgan.Training;

/// <summary>What a checkpoint restores into a trainer beyond the networks and optimizers.</summary>
internal sealed class CheckpointState(int epoch, long step, Tensor randomState, Tensor fixedNoise, IReadOnlyList<EpochSummary> history, double trainingSeconds,
    EpochPosition? interrupted) : IDisposable
{
    /// <summary>Epochs completed; an interrupted epoch is the next one.</summary>
    public int Epoch { get; } = epoch;
    public long Step { get; } = step;
    public Tensor RandomState { get; } = randomState;
    public Tensor FixedNoise { get; } = fixedNoise;
    public IReadOnlyList<EpochSummary> History { get; } = history;
    public double TrainingSeconds { get; } = trainingSeconds;

    /// <summary>Where the epoch after <see cref="Epoch"/> stood when training was interrupted; null for a checkpoint written at an epoch's end.</summary>
    public EpochPosition? Interrupted { get; } = interrupted;

    public void Dispose()
    {
        RandomState.Dispose();
        FixedNoise.Dispose();
        Interrupted?.Order.Dispose();
    }
}
