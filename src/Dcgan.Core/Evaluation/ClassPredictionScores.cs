using static TorchSharp.torch;

namespace Dcgan.Evaluation;

/// <summary>
/// What a classifier's predictions say about a set of generated images: how sure it is, how the images cover the
/// classes, and the classifier score (the Inception Score computed with the given classifier, Salimans et al., 2016).
/// </summary>
public static class ClassPredictionScores
{
    /// <summary>The mean of each image's top class probability: how much the images look like some class.</summary>
    /// <param name="probabilities">Class probabilities <c>[N, K]</c>, each row summing to 1.</param>
    /// <returns>A value from 1/K to 1.</returns>
    /// <exception cref="ArgumentException"><paramref name="probabilities"/> is not <c>[N, K]</c>.</exception>
    public static double MeanConfidence(Tensor probabilities)
    {
        Check(probabilities);
        using var scope = NewDisposeScope();
        return probabilities.to_type(ScalarType.Float64).max(1).values.mean().item<double>();
    }

    /// <summary>The share of the images whose most likely class is each class.</summary>
    /// <param name="probabilities">Class probabilities <c>[N, K]</c>.</param>
    /// <returns>K shares summing to 1.</returns>
    /// <exception cref="ArgumentException"><paramref name="probabilities"/> is not <c>[N, K]</c>.</exception>
    public static double[] ClassShares(Tensor probabilities)
    {
        Check(probabilities);
        using var scope = NewDisposeScope();
        return nn.functional.one_hot(probabilities.argmax(1), probabilities.shape[1]).to_type(ScalarType.Float64).mean([0]).data<double>().ToArray();
    }

    /// <summary>The KL divergence (nats) of <paramref name="shares"/> from the uniform distribution: 0 for even coverage, ln K for one class only.</summary>
    /// <param name="shares">Shares summing to 1, as <see cref="ClassShares"/> returns.</param>
    /// <returns>The divergence.</returns>
    /// <exception cref="ArgumentException"><paramref name="shares"/> is empty.</exception>
    public static double DivergenceFromUniform(IReadOnlyList<double> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count == 0)
            throw new ArgumentException("Expected at least one class share.", nameof(shares));
        return shares.Where(p => p > 0).Sum(p => p * Math.Log(p * shares.Count));
    }

    /// <summary>
    /// The classifier score: <c>exp(mean over images of KL(p(y|x) || p(y)))</c>, from 1 (every image alike, or every
    /// image unsure) to K (every image sure, the classes evenly covered).
    /// </summary>
    /// <param name="probabilities">Class probabilities <c>[N, K]</c>.</param>
    /// <returns>The score.</returns>
    /// <exception cref="ArgumentException"><paramref name="probabilities"/> is not <c>[N, K]</c>.</exception>
    public static double ClassifierScore(Tensor probabilities)
    {
        Check(probabilities);
        using var scope = NewDisposeScope();
        Tensor p = probabilities.to_type(ScalarType.Float64);
        Tensor marginal = p.mean([0], keepdim: true);
        Tensor kl = (p * (p.clamp_min(1e-12).log() - marginal.clamp_min(1e-12).log())).sum(1);
        return Math.Exp(kl.mean().item<double>());
    }

    private static void Check(Tensor probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities.dim() != 2 || probabilities.shape[0] < 1 || probabilities.shape[1] < 2)
            throw new ArgumentException($"Expected class probabilities [N, K] with K at least 2, but got shape [{string.Join(", ", probabilities.shape)}].", nameof(probabilities));
    }
}
