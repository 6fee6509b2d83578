namespace Dcgan.Mnist.Evaluation;

/// <summary>What <see cref="MnistEvaluator.EvaluateConditional"/> measured for a class-conditional generator. See <c>docs/evaluation.md</c>.</summary>
/// <param name="PerClass">Images asked for per digit.</param>
/// <param name="Agreement">Share of all images the classifier names as the digit that was asked for (chance: 0.1).</param>
/// <param name="ClassAgreement">That share for each digit 0 to 9.</param>
/// <param name="ClassFrechetDistances">For each digit, the Fréchet distance between the images asked for that digit and the test images of that digit.</param>
/// <param name="Overall">The unconditional numbers over all the images together.</param>
public sealed record MnistConditionalEvaluation(
    int PerClass,
    double Agreement,
    IReadOnlyList<double> ClassAgreement,
    IReadOnlyList<double> ClassFrechetDistances,
    MnistEvaluation Overall);
