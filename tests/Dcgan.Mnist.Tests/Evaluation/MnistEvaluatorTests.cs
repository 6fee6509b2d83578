using System.Text.RegularExpressions;
using Dcgan.Data;
using Dcgan.Mnist.Evaluation;
using Dcgan.Tests;
using static TorchSharp.torch;

namespace Dcgan.Mnist.Tests.Evaluation;

public sealed partial class MnistEvaluatorTests : IClassFixture<MnistEvaluatorTests.Shared>
{
    private readonly MnistEvaluator evaluator;

    public MnistEvaluatorTests(Shared shared) => evaluator = shared.Evaluator;

    [Fact]
    public void ShippedClassifier_ScoresAtLeast99PercentOnTheTestSet()
    {
        evaluator.TestAccuracy().Should().BeGreaterThanOrEqualTo(0.99);
    }

    [Fact]
    public void ShippedClassifier_ResourceHashMatchesTheDocs()
    {
        string docs = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "docs", "evaluation.md"));
        Match recorded = Sha256InDocs().Match(docs);

        recorded.Success.Should().BeTrue("docs/evaluation.md records the classifier's SHA-256");
        MnistClassifierFile.ShippedSha256(Dcgan.Mnist.Datasets.IdxDatasetSpec.Mnist).Should().Be(recorded.Groups[1].Value);
    }

    [Fact]
    public void Evaluate_TheTestSetItself_HasDistanceZero()
    {
        using ImageData test = TestData.Mnist.Test.ToImageData();

        MnistEvaluation evaluation = evaluator.Evaluate(test.Images);

        evaluation.FrechetDistance.Should().BeApproximately(0, 1e-3);
        evaluation.MeanConfidence.Should().BeGreaterThan(0.98);
        evaluation.Collapsed.Should().BeFalse();
        evaluation.ClassifierScore.Should().BeGreaterThan(9.0);
    }

    [Fact]
    public void FrechetDistance_DisjointHalvesOfTheTestSet_IsSmall_TestSetVersusNoise_IsLarge()
    {
        using ImageData test = TestData.Mnist.Test.ToImageData();
        // Interleaved halves: the first and last 5,000 test images come from different writer populations
        // (Census employees and students), which the distance rightly tells apart (about 61).
        using Tensor first = test.Images.index_select(0, arange(0, 10000, 2));
        using Tensor second = test.Images.index_select(0, arange(1, 10000, 2));
        var random = new Generator(7);
        using Tensor noise = rand([5000, 1, 28, 28], generator: random) * 2 - 1;

        double halves = evaluator.FrechetDistance(first, second);
        double versusNoise = evaluator.FrechetDistance(first, noise);

        halves.Should().BeLessThan(10, "two samples of one distribution differ only by sampling noise (about 5 at 5,000 images)");
        versusNoise.Should().BeGreaterThan(100 * halves);
    }

    [Fact]
    public void EvaluateRealDataConditional_RealDigits_AgreeWithTheirLabelsAndSitCloseToTheirClass()
    {
        MnistConditionalEvaluation real = evaluator.EvaluateRealDataConditional(perClass: 500);

        real.ClassAgreement.Should().HaveCount(10).And.OnlyContain(a => a > 0.97);
        real.Agreement.Should().BeGreaterThan(0.99);
        // Real training digits sit near the test digits of their class (500 samples in 128 dimensions leave a small
        // bias); the untrained generator in the conditional tests is in the thousands.
        real.ClassFrechetDistances.Should().OnlyContain(d => d < 50);
        real.Overall.Collapsed.Should().BeFalse();
    }

    [Fact]
    public void EvaluateConditional_AnUnconditionalOrNonDigitGenerator_IsRejectedNamingItsClasses()
    {
        var architecture = new Dcgan.Models.DcganArchitecture { Shape = new() { LatentSize = 16 }, Generator = new() { FeatureMaps = 8 }, Discriminator = new() { Pieces = [] } };
        using var unconditional = new Dcgan.Inference.TorchImageGenerator(new Dcgan.Models.Generator(architecture));
        using var animals = new Dcgan.Inference.TorchImageGenerator(new Dcgan.Models.Generator(architecture with { Shape = architecture.Shape with { ClassNames = ["cat", "dog"] } }));

        evaluator.Invoking(e => e.EvaluateConditional(unconditional, perClass: 10)).Should().Throw<ArgumentException>().WithMessage("*digits 0 to 9*[]*");
        evaluator.Invoking(e => e.EvaluateConditional(animals, perClass: 10)).Should().Throw<ArgumentException>().WithMessage("*[cat, dog]*");
    }

    [Fact]
    public void Evaluate_OneRepeatedDigit_IsReportedAsCollapsed()
    {
        using ImageData seven = TestData.Mnist.Test.Take(1).ToImageData();
        using Tensor repeated = seven.Images.expand(1000, 1, 28, 28).contiguous();

        MnistEvaluation evaluation = evaluator.Evaluate(repeated);

        evaluation.Collapsed.Should().BeTrue();
        evaluation.ClassFractions[7].Should().Be(1.0);
        evaluation.ClassKlDivergence.Should().BeApproximately(Math.Log(10), 1e-9);
        evaluation.ClassifierScore.Should().BeApproximately(1.0, 0.01);
    }

    [Fact]
    public void Evaluate_ImagesAt32Pixels_AreCroppedBackTo28()
    {
        using ImageData test28 = TestData.Mnist.Test.Take(2000).ToImageData(28);
        using ImageData test32 = TestData.Mnist.Test.Take(2000).ToImageData(32);

        evaluator.Evaluate(test32.Images).FrechetDistance.Should().BeApproximately(evaluator.Evaluate(test28.Images).FrechetDistance, 1e-6);
    }

    [GeneratedRegex("SHA-256[^`]*`([0-9a-f]{64})`")]
    internal static partial Regex Sha256InDocs();

    /// <summary>One evaluator (classifier and test-set statistics) for the whole class.</summary>
    public sealed class Shared : IDisposable
    {
        public MnistEvaluator Evaluator { get; } = MnistEvaluator.Create(TestData.Mnist);

        public void Dispose() => Evaluator.Dispose();
    }
}
