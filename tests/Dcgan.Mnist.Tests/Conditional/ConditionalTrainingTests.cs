using Dcgan.Mnist.Evaluation;
using Dcgan.Imaging;
using Dcgan.Inference;
using Dcgan.Models;
using Dcgan.Training;
using Dcgan.Tests;
using static TorchSharp.torch;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Mnist.Tests.Conditional;

public sealed class ConditionalTrainingTests
{
    [Fact]
    public void TrainingOnARealSubset_TheGeneratorObeysTheLabelFarAboveChance()
    {
        // 1,024 steps of a small pair on 8,192 real digits: enough for the label to take hold (chance is 10%). The
        // raw weights are scored: a 0.999 weight average over so few steps still remembers the untrained ones.
        using TrainingResult result = new DcganBuilder()
            .WithMnist(options =>
            {
                options.Directory = TestData.MnistDirectory;
                options.Limit = 8192;
            })
            .WithClassConditioning()
            .WithGeneratorAverage(null)
            .WithFeatureMaps(32, 32)
            .WithBatchSize(32)
            .WithEpochs(4)
            .WithSeed(3)
            .WithThreads(2)
            .Train();
        using MnistEvaluator evaluator = MnistEvaluator.Create(TestData.Mnist);

        MnistConditionalEvaluation evaluation = evaluator.EvaluateConditional(result.ImageGenerator, perClass: 100, seed: 0);

        result.Generator.Shape.ClassNames.Should().Equal(MnistDataset.DigitNames);
        evaluation.Agreement.Should().BeGreaterThan(0.3, "a generator that ignored its label would agree 10% of the time");
        evaluation.ClassAgreement.Count(a => a > 0.1).Should().BeGreaterThanOrEqualTo(7, "most digits, not one, follow the label");
    }

    [Fact]
    public void GenerateDigit_AsksTheGeneratorForThatDigitsLabel()
    {
        var architecture = new DcganArchitecture { Shape = new() { LatentSize = 16, ClassNames = MnistDataset.DigitNames }, Generator = new() { FeatureMaps = 8 }, Discriminator = new() { Pieces = [] } };
        using var generator = new TorchImageGenerator(new Generator(architecture, seed: 1));

        ImageBatch sevens = generator.GenerateDigit(digit: 7, count: 3, seed: 2);
        ImageBatch byLabel = generator.Generate(3, 2, label: 7);

        sevens.Pixels.ToArray().Should().Equal(byLabel.Pixels.ToArray());
        generator.Invoking(g => g.GenerateDigit(digit: 10, count: 1)).Should().Throw<ArgumentOutOfRangeException>();
        using var animals = new TorchImageGenerator(new Generator(architecture with { Shape = architecture.Shape with { ClassNames = ["cat", "dog"] } }));
        animals.Invoking(g => g.LabelOfDigit(7)).Should().Throw<ArgumentException>().WithMessage("*no class '7'*cat, dog*");
    }
}
