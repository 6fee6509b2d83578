namespace Dcgan.Training;

/// <summary>A snapshot of a training run, reported after every batch.</summary>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Epochs">Total epochs of the run.</param>
/// <param name="Batch">Batches finished in the current epoch, from 1.</param>
/// <param name="BatchesPerEpoch">Batches in one epoch.</param>
/// <param name="DiscriminatorLoss">Mean discriminator loss over the epoch so far.</param>
/// <param name="GeneratorLoss">Mean generator loss over the epoch so far.</param>
/// <param name="RealScore">Mean D(x), the discriminator's probability for real images, over the epoch so far.</param>
/// <param name="FakeScore">Mean D(G(z)), its probability for generated images before its update, over the epoch so far.</param>
/// <param name="ImagesPerSecond">Training throughput over the epoch so far.</param>
/// <param name="Elapsed">Time since training started.</param>
/// <param name="EstimatedRemaining">Estimated time to the end of the run, from the throughput so far.</param>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    int Batch,
    int BatchesPerEpoch,
    double DiscriminatorLoss,
    double GeneratorLoss,
    double RealScore,
    double FakeScore,
    double ImagesPerSecond,
    TimeSpan Elapsed,
    TimeSpan EstimatedRemaining)
{
    /// <summary>Batches finished over the whole run.</summary>
    public long Step => (long)(Epoch - 1) * BatchesPerEpoch + Batch;

    /// <summary>Fraction of the run finished, from 0 to 1.</summary>
    public double Fraction => (double)Step / ((long)Epochs * BatchesPerEpoch);
}
