namespace Dcgan.Models;

/// <summary>How a saved generator was trained; stored in its model file and shown by tools.</summary>
/// <param name="Epochs">Epochs completed.</param>
/// <param name="Steps">Optimisation steps completed.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="BatchSize">Images per step.</param>
/// <param name="DataSource">The data source's description, such as <c>MNIST train</c>.</param>
/// <param name="DiscriminatorLoss">Mean discriminator loss of the last epoch.</param>
/// <param name="GeneratorLoss">Mean generator loss of the last epoch.</param>
/// <param name="TrainingSeconds">Wall time spent training, over all sessions of a resumed run.</param>
/// <param name="DcganVersion">The Dcgan version that wrote the file.</param>
public sealed record TrainingSummary(
    int Epochs,
    long Steps,
    long Seed,
    int BatchSize,
    string DataSource,
    double DiscriminatorLoss,
    double GeneratorLoss,
    double TrainingSeconds,
    string DcganVersion);
