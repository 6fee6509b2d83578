using System.Globalization;
using System.Text.RegularExpressions;
using Dcgan.Mnist.Evaluation;
using Dcgan.Mnist.Pretrained;
using Dcgan.Inference;
using Dcgan.Tests;

namespace Dcgan.Mnist.Tests.Pretrained;

public sealed partial class MnistPretrainedTests
{
    [Fact]
    public void LoadGenerator_ShippedModel_ScoresWhatTheModelCardSays()
    {
        string card = ModelCard("MODEL_CARD.md");
        using TorchImageGenerator generator = MnistPretrained.LoadGenerator();
        using MnistEvaluator evaluator = MnistEvaluator.Create(TestData.Mnist);

        MnistEvaluation evaluation = evaluator.Evaluate(generator, count: 10_000, seed: 0);

        ShouldMatchCard(evaluation, card, "digit shares 0 to 9");
    }

    [Fact]
    public void LoadFashionGenerator_ShippedModel_ScoresWhatItsModelCardSaysWithTheFashionClassifier()
    {
        string card = ModelCard("MODEL_CARD_FASHION.md");
        using TorchImageGenerator generator = MnistPretrained.LoadFashionGenerator();
        using MnistEvaluator evaluator = MnistEvaluator.Create(TestData.FashionMnist);

        MnistEvaluation evaluation = evaluator.Evaluate(generator, count: 10_000, seed: 0);

        generator.Description.ImageSize.Should().Be(28);
        ShouldMatchCard(evaluation, card, "class shares 0 to 9");
        new FileInfo(Path.Combine(TestData.RepositoryRoot, "src", "Dcgan.Pretrained", "fashion-mnist-generator.dcgan")).Length.Should().BeLessThan(10 << 20);
    }

    [Fact]
    public void LoadGenerator_ShippedModel_IsA28PixelGrayscaleGeneratorWithItsTrainingRecorded()
    {
        using TorchImageGenerator generator = MnistPretrained.LoadGenerator();

        generator.Description.ImageSize.Should().Be(28);
        generator.Description.Channels.Should().Be(1);
        generator.Generator.Training!.Epochs.Should().BeGreaterThanOrEqualTo(20);
        new FileInfo(Path.Combine(TestData.RepositoryRoot, "src", "Dcgan.Pretrained", "mnist-generator.dcgan")).Length.Should().BeLessThan(10 << 20);
    }

    [Fact]
    public void LoadConditionalGenerator_ShippedModel_ObeysTheLabelAsItsModelCardSays()
    {
        using TorchImageGenerator generator = MnistPretrained.LoadConditionalGenerator();
        using MnistEvaluator evaluator = MnistEvaluator.Create(TestData.Mnist);

        MnistConditionalEvaluation evaluation = evaluator.EvaluateConditional(generator, perClass: 1000, seed: 0);

        string card = ModelCard("MODEL_CARD_CONDITIONAL.md");
        generator.Description.ClassNames.Should().Equal(MnistDataset.DigitNames);
        evaluation.Agreement.Should().BeGreaterThanOrEqualTo(0.95);
        evaluation.Agreement.Should().BeApproximately(Number(card, "label agreement") / 100, 1e-4);
        evaluation.ClassFrechetDistances.Average().Should().BeApproximately(Number(card, "mean per-digit Fréchet distance"), 1e-3 * Number(card, "mean per-digit Fréchet distance"));
        evaluation.Overall.FrechetDistance.Should().BeApproximately(Number(card, "Fréchet distance, all digits"), 1e-3 * Number(card, "Fréchet distance, all digits"));
        new FileInfo(Path.Combine(TestData.RepositoryRoot, "src", "Dcgan.Pretrained", "mnist-conditional-generator.dcgan")).Length.Should().BeLessThan(10 << 20);
    }

    /// <summary>The card's distance, score, confidence and shares (printed to 0.1%: each must round to what it says), and no collapse.</summary>
    private static void ShouldMatchCard(MnistEvaluation evaluation, string card, string sharesRow)
    {
        evaluation.FrechetDistance.Should().BeApproximately(Number(card, "Fréchet distance"), 1e-3 * Number(card, "Fréchet distance"));
        evaluation.ClassifierScore.Should().BeApproximately(Number(card, "classifier score"), 1e-3);
        evaluation.MeanConfidence.Should().BeApproximately(Number(card, "mean confidence"), 1e-3);
        evaluation.ClassFractions.Select(f => Math.Round(f * 100, 1, MidpointRounding.AwayFromZero)).Should().Equal(Shares(card, sharesRow));
        evaluation.Collapsed.Should().BeFalse();
    }

    private static string ModelCard(string file) => File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "models", file));

    /// <summary>Reads the shares row (such as "digit shares 0 to 9") of the model card's numbers table, in percent.</summary>
    private static double[] Shares(string card, string row)
    {
        Match match = Regex.Match(card, $@"\|\s*{Regex.Escape(row)}\s*\|([^|]*)\|");
        match.Success.Should().BeTrue($"the model card lists the {row}");
        return Regex.Matches(match.Groups[1].Value, @"([0-9.]+)%").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>Reads "| name | value |" from the model card's numbers table.</summary>
    private static double Number(string card, string name)
    {
        Match match = Regex.Match(card, $@"\|\s*{Regex.Escape(name)}[^|]*\|\s*([0-9.]+)%?\s*\|");
        match.Success.Should().BeTrue($"MODEL_CARD.md lists the {name}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
