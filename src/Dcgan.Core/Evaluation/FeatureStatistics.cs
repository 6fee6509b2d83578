using static TorchSharp.torch;

namespace Dcgan.Evaluation;

/// <summary>
/// The mean and covariance (float64) of a set of feature vectors, as the Fréchet distance (Heusel et al., 2017) compares
/// them. Compute them once for a reference set and compare every generated set against them.
/// </summary>
public sealed class FeatureStatistics : IDisposable
{
    private FeatureStatistics(Tensor mean, Tensor covariance)
    {
        Mean = mean;
        Covariance = covariance;
    }

    /// <summary>The mean feature vector <c>[D]</c>, float64.</summary>
    public Tensor Mean { get; }

    /// <summary>The unbiased covariance <c>[D, D]</c>, float64.</summary>
    public Tensor Covariance { get; }

    /// <summary>The statistics of <paramref name="features"/>.</summary>
    /// <param name="features">At least two feature vectors <c>[N, D]</c> of any floating type.</param>
    /// <returns>New statistics owned by the caller.</returns>
    /// <exception cref="ArgumentException"><paramref name="features"/> is not <c>[N, D]</c> with N at least 2.</exception>
    public static FeatureStatistics Of(Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.dim() != 2 || features.shape[0] < 2)
            throw new ArgumentException($"Expected at least two feature vectors [N, D], but got shape [{string.Join(", ", features.shape)}].", nameof(features));
        using var scope = NewDisposeScope();
        Tensor values = features.to_type(ScalarType.Float64);
        Tensor mean = values.mean([0]);
        Tensor centred = values - mean;
        Tensor covariance = centred.t().matmul(centred) / (values.shape[0] - 1);
        return new FeatureStatistics(mean.MoveToOuterDisposeScope(), covariance.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The Fréchet distance to <paramref name="other"/>: <c>||m1 - m2||^2 + tr(S1) + tr(S2) - 2 tr((S1 S2)^(1/2))</c>.
    /// </summary>
    /// <remarks>
    /// The trace of the square root is the sum of the square roots of the eigenvalues of <c>S1^(1/2) S2 S1^(1/2)</c>, which
    /// is symmetric and positive semi-definite, so a symmetric eigensolver in float64 suffices (no complex square root).
    /// </remarks>
    /// <param name="other">Statistics of features of the same dimension.</param>
    /// <returns>The distance; 0 for identical statistics.</returns>
    /// <exception cref="ArgumentException">The dimensions differ.</exception>
    public double FrechetDistanceTo(FeatureStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Mean.shape[0] != Mean.shape[0])
            throw new ArgumentException($"Both statistics need features of one dimension, but they have {Mean.shape[0]} and {other.Mean.shape[0]}.", nameof(other));
        using var scope = NewDisposeScope();
        Tensor difference = Mean - other.Mean;
        (Tensor values, Tensor vectors) = linalg.eigh(Covariance);
        Tensor root = vectors.matmul(diag(values.clamp_min(0).sqrt())).matmul(vectors.t());
        Tensor product = root.matmul(other.Covariance).matmul(root);
        product = (product + product.t()) / 2;
        double traceRoot = linalg.eigvalsh(product).clamp_min(0).sqrt().sum().item<double>();
        double result = difference.dot(difference).item<double>() + Covariance.trace().item<double>() + other.Covariance.trace().item<double>() - 2 * traceRoot;
        return Math.Max(0, result);
    }

    /// <summary>Takes both tensors out of the dispose scope they were made in, for statistics kept longer (a cached reference).</summary>
    /// <returns>This instance, which the caller then disposes.</returns>
    public FeatureStatistics DetachFromDisposeScope()
    {
        Mean.DetachFromDisposeScope();
        Covariance.DetachFromDisposeScope();
        return this;
    }

    /// <summary>Disposes both tensors.</summary>
    public void Dispose()
    {
        Mean.Dispose();
        Covariance.Dispose();
    }
}
