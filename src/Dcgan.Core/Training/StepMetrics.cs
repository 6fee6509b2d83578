namespace Dcgan.Training;

/// <summary>Sums of per-step metrics over <see cref="Count"/> steps (one step when fresh from a batch).</summary>
internal readonly record struct StepMetrics(int Count, double DiscriminatorLoss, double GeneratorLoss, double RealScore, double FakeScore, double Accuracy)
{
    public StepMetrics Add(StepMetrics other) => new(
        Count + other.Count,
        DiscriminatorLoss + other.DiscriminatorLoss,
        GeneratorLoss + other.GeneratorLoss,
        RealScore + other.RealScore,
        FakeScore + other.FakeScore,
        Accuracy + other.Accuracy);
}
