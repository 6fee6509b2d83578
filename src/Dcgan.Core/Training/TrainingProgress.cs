namespace Dcgan.Training;

/// <summary>A snapshot of a training run, reported after every batch.</summary>
/// <param name="Epoch">The current epoch, from 1.</param>
/// <param name="Epochs">Total epochs of the run.</param>
/// <param name="Batch">Steps finished in the current epoch, from 1: one generator step each, after the loss's critic steps (one batch each).</param>
/// <param name="BatchesPerEpoch">Steps in one epoch: the images divided by the batch size and by the loss's critic steps per generator step.</param>
/// <param name="DiscriminatorLoss">Mean discriminator loss over the epoch so far.</param>
/// <param name="GeneratorLoss">Mean generator loss over the epoch so far.</param>
/// <param name="RealScore">Mean D(x) over the epoch so far: the discriminator's probability for real images, or its mean raw score where the loss has no probabilities (<see cref="Losses.AdversarialLoss.ScoresAreProbabilities"/>).</param>
/// <param name="FakeScore">Mean D(G(z)) for generated images before its update, over the epoch so far; a probability or a raw score as for <paramref name="RealScore"/>.</param>
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
