namespace Dcgan.Mnist.Evaluation;

/// <summary>What <see cref="MnistEvaluator"/> measured for one set of images. See <c>docs/evaluation.md</c>.</summary>
/// <param name="Count">Images evaluated.</param>
/// <param name="MeanConfidence">Mean of the classifier's top probability: how digit-like the images look (real test images: about 0.99).</param>
/// <param name="ClassFractions">Share of images predicted as each digit 0 to 9.</param>
/// <param name="ClassKlDivergence">KL divergence (nats) of <paramref name="ClassFractions"/> from uniform: 0 for perfect coverage, ln 10 = 2.30 for one digit only.</param>
/// <param name="Collapsed">True when a digit gets under 1% of the images or the divergence exceeds 0.5: mode collapse.</param>
/// <param name="ClassifierScore">The Inception Score computed with the MNIST classifier: exp(E[KL(p(y|x) || p(y))]), from 1 to 10.</param>
/// <param name="FrechetDistance">Fréchet distance between the classifier's penultimate features of these images and of the 10,000 test images (float64 statistics); lower is better.</param>
public sealed record MnistEvaluation(
    int Count,
    double MeanConfidence,
    IReadOnlyList<double> ClassFractions,
    double ClassKlDivergence,
    bool Collapsed,
    double ClassifierScore,
    double FrechetDistance);
