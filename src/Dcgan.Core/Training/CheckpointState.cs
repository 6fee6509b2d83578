using Dcgan.Models;
using static TorchSharp.torch;

namespace Dcgan.Training;

/// <summary>What a checkpoint restores into a trainer beyond the networks and optimizers.</summary>
internal sealed class CheckpointState(int epoch, long step, Tensor randomState, Tensor fixedNoise, IReadOnlyList<EpochSummary> history, double trainingSeconds) : IDisposable
{
    public int Epoch { get; } = epoch;
    public long Step { get; } = step;
    public Tensor RandomState { get; } = randomState;
    public Tensor FixedNoise { get; } = fixedNoise;
    public IReadOnlyList<EpochSummary> History { get; } = history;
    public double TrainingSeconds { get; } = trainingSeconds;

    public void Dispose()
    {
        RandomState.Dispose();
        FixedNoise.Dispose();
    }
}
