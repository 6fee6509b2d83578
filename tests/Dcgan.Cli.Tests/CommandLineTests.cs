using Dcgan.Tests;

namespace Dcgan.Cli.Tests;

/// <summary>The CLI's verbs end to end on real files, including what a user gets wrong.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Generate_MissingModel_ExitsWith2AndSaysWhichFile()
    {
        (int exitCode, string text) = CliProcess.Run("generate --model /nonexistent/generator.dcgan", TimeSpan.FromMinutes(1));

        exitCode.Should().Be(2);
        text.Should().Contain("/nonexistent/generator.dcgan").And.Contain("does not exist");
    }

    [Fact]
    public void Export_FileThatIsNotACheckpoint_ExitsWith2AndSaysWhy()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string notACheckpoint = Path.Combine(directory.Path, "notes.txt");
        File.WriteAllText(notACheckpoint, "hello");

        (int exitCode, string text) = CliProcess.Run($"export --checkpoint {notACheckpoint}", TimeSpan.FromMinutes(1));

        exitCode.Should().Be(2);
        text.Should().Contain("notes.txt");
    }

    [Fact]
    public void Export_AGeneratorFileToOnnx_WritesAModelThatOnnxRuntimeServesAlike()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string model = Path.Combine(directory.Path, "g.dcgan"), onnxFile = Path.Combine(directory.Path, "g.onnx");
        using (var generator = new Dcgan.Models.Generator(new Dcgan.Models.DcganArchitecture { Shape = new() { LatentSize = 16 }, Generator = new() { FeatureMaps = 8 } }, seed: 3))
            Dcgan.Persistence.GeneratorFile.Save(generator, model);

        (int exitCode, string text) = CliProcess.Run($"export --model {model} --format onnx --output {onnxFile}", TimeSpan.FromMinutes(1));
        (int both, string bothText) = CliProcess.Run($"export --model {model} --checkpoint {model}", TimeSpan.FromMinutes(1));

        exitCode.Should().Be(0, text);
        using var fromOnnx = Dcgan.Onnx.OnnxImageGenerator.Load(onnxFile);
        using var fromDcgan = Dcgan.Onnx.OnnxImageGenerator.Load(model);
        Dcgan.Imaging.GeneratorImageExtensions.Generate(fromOnnx, 4, 1).Pixels.ToArray().Should().Equal(Dcgan.Imaging.GeneratorImageExtensions.Generate(fromDcgan, 4, 1).Pixels.ToArray());
        both.Should().Be(2);
        bothText.Should().Contain("exactly one of --checkpoint and --model");
    }

    [Fact]
    public void Train_OnAnImageFolder_TrainsAColourGeneratorOfTheAskedSize()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string output = Path.Combine(directory.Path, "run");

        string cache = Path.Combine(directory.Path, "decoded.u8");
        string picture = Path.Combine(directory.Path, "neighbours.png");

        (int exitCode, string text) = CliProcess.Run(
            $"train --images {TestData.EmojiDirectory} --limit 64 --image-size 32 --epochs 1 --batch-size 32 --threads 2 --generator-features 8 --discriminator-features 8 --cache {cache} --output {output}",
            TimeSpan.FromMinutes(3));
        (int neighboursExit, string neighboursText) = CliProcess.Run(
            $"neighbours --model {Path.Combine(output, "generator.dcgan")} --images {TestData.EmojiDirectory} --count 20 --pairs 8 --output {picture}",
            TimeSpan.FromMinutes(3));

        exitCode.Should().Be(0, text);
        text.Should().Contain("the images in");
        new FileInfo(cache).Length.Should().Be(64L * 3 * 32 * 32, "the decoded images went to the cache file");
        using var generator = Dcgan.Onnx.OnnxImageGenerator.Load(Path.Combine(output, "generator.dcgan"));
        generator.Description.Channels.Should().Be(3);
        generator.Description.ImageSize.Should().Be(32);
        neighboursExit.Should().Be(0, neighboursText);
        neighboursText.Should().Contain("20 generated").And.Contain("50 % quantile").And.Contain("Median ratio generated/real");
        using var image = SixLabors.ImageSharp.Image.Load(picture);
        (image.Width, image.Height).Should().Be((8 * 34 + 2, 2 * 34 + 2), "one row of 8 samples above one row of their neighbours");
    }

    [Fact]
    public void TrainAndEvaluate_FashionMnist_UseItsFilesClassesAndClassifier()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string output = Path.Combine(directory.Path, "run");

        (int exitCode, string text) = CliProcess.Run(
            $"train --dataset fashion-mnist --data-dir {TestData.FashionMnistDirectory} --limit 64 --epochs 1 --batch-size 32 --threads 2 --generator-features 8 --discriminator-features 8 --output {output}",
            TimeSpan.FromMinutes(3));
        (int evaluateExit, string evaluation) = CliProcess.Run(
            $"evaluate --dataset fashion-mnist --data-dir {TestData.FashionMnistDirectory} --model {Path.Combine(output, "generator.dcgan")} --count 200 --json",
            TimeSpan.FromMinutes(3));
        (int wrongExit, string wrong) = CliProcess.Run($"train --dataset kmnist --output {output}", TimeSpan.FromMinutes(1));

        exitCode.Should().Be(0, text);
        text.Should().Contain("Fashion-MNIST");
        evaluateExit.Should().Be(0, evaluation);
        evaluation.Should().Contain("\"FrechetDistance\"");
        wrongExit.Should().Be(2);
        wrong.Should().Contain("kmnist").And.Contain("fashion-mnist");
    }

    [Fact]
    public void Train_WithTwoGeneratorSteps_IsBitIdenticalInAnotherProcess()
    {
        // The default widths: at width 8 oneDNN's convolutions on some processors are wrong only some of the time, so two
        // processes can disagree about them (docs/performance.md, "Wrong some of the time").
        using var directory = TestData.CreateTemporaryDirectory();
        string Train(string name)
        {
            string output = Path.Combine(directory.Path, name);
            (int exitCode, string text) = CliProcess.Run(
                $"train --limit 320 --epochs 1 --batch-size 32 --threads 2 --generator-steps 2 --output {output}",
                TimeSpan.FromMinutes(3));
            exitCode.Should().Be(0, text);
            return Path.Combine(output, "samples", "epoch_001.png");
        }

        byte[] first = File.ReadAllBytes(Train("first"));
        byte[] second = File.ReadAllBytes(Train("second"));

        SixLabors.ImageSharp.Image.Identify(first).Width.Should().BeGreaterThan(28, "a grid of samples");
        second.Should().Equal(first);
    }

    [Fact]
    public void Train_InBFloat16_IsBitIdenticalInAnotherProcessResumesExactlyAndDiffersFromFloat32()
    {
        // Across processes: a bfloat16 run must be reproducible from the command line, not only within one process.
        using var directory = TestData.CreateTemporaryDirectory();
        string Train(string name, string arguments)
        {
            string output = Path.Combine(directory.Path, name);
            (int exitCode, string text) = CliProcess.Run(
                $"train --limit 320 --batch-size 32 --threads 2 {arguments} --output {output}", TimeSpan.FromMinutes(3));
            exitCode.Should().Be(0, text);
            return output;
        }
        byte[] Grid(string output, int epoch) => File.ReadAllBytes(Path.Combine(output, "samples", $"epoch_{epoch:000}.png"));

        string straight = Train("straight", "--epochs 2 --precision bfloat16");
        string first = Train("first", "--epochs 1 --precision bfloat16");
        string resumed = Train("first", $"--epochs 2 --precision bfloat16 --resume {Path.Combine(first, "checkpoints", "checkpoint_epoch_001.dcgan-ckpt")}");
        string single = Train("single", "--epochs 1");

        Grid(first, 1).Should().Equal(Grid(straight, 1), "the same seed and precision in another process");
        Grid(resumed, 2).Should().Equal(Grid(straight, 2), "a resumed bfloat16 run continues exactly");
        Grid(single, 1).Should().NotEqual(Grid(straight, 1), "bfloat16 passes round differently from float32");
        using var generator = Dcgan.Persistence.GeneratorFile.Load(Path.Combine(straight, "generator.dcgan"));
        generator.parameters().Should().OnlyContain(p => p.dtype == TorchSharp.torch.ScalarType.Float32);
    }

    [Fact]
    public void Train_InvalidSettings_ExitsWith2ListingEveryProblem()
    {
        (int exitCode, string text) = CliProcess.Run("train --epochs 0 --batch-size 1 --output /tmp/dcgan-never-written", TimeSpan.FromMinutes(1));

        exitCode.Should().Be(2);
        text.Should().Contain("Epochs").And.Contain("BatchSize");
        Directory.Exists("/tmp/dcgan-never-written/samples").Should().BeFalse();
    }

    [Fact]
    public void Train_InvalidTuningOptions_ReachTheLibraryAndAreEachNamed()
    {
        (int exitCode, string text) = CliProcess.Run(
            "train --beta1 1.5 --beta2 -0.1 --generator-lr 0 --packing 3 --lr-decay-epochs 6 --output /tmp/dcgan-never-written-tuning", TimeSpan.FromMinutes(1));

        exitCode.Should().Be(2);
        text.Should().Contain("Beta1").And.Contain("Beta2").And.Contain("GeneratorLearningRate").And.Contain("discriminator packing 3")
            .And.Contain("LearningRateDecayEpochs must not exceed Epochs 5, but was 6");
        Directory.Exists("/tmp/dcgan-never-written-tuning/samples").Should().BeFalse();
    }

    [Fact]
    public void Train_Loss_AcceptsOnlyTheLibrarysLosses_AndHingeWithLabelSmoothingIsNamedAsAConflict()
    {
        (int unknownExit, string unknown) = CliProcess.Run("train --loss least-squares --output /tmp/dcgan-never-written-loss", TimeSpan.FromMinutes(1));
        (int conflictExit, string conflict) = CliProcess.Run("train --loss hinge --label-smoothing 0.1 --output /tmp/dcgan-never-written-loss", TimeSpan.FromMinutes(1));

        unknownExit.Should().NotBe(0);
        unknown.Should().Contain("least-squares").And.Contain("non-saturating").And.Contain("wgan-gp");
        conflictExit.Should().Be(2);
        conflict.Should().Contain("WithLabelSmoothing(0.1)").And.Contain("hinge");
        Directory.Exists("/tmp/dcgan-never-written-loss/samples").Should().BeFalse();
    }

    [Fact]
    public void GenerateDigit_WithoutAModel_WritesThatDigitFromThePretrainedConditionalGenerator()
    {
        using var directory = TestData.CreateTemporaryDirectory();

        (int exitCode, string text) = CliProcess.Run($"generate --digit 7 --count 20 --class-grid --output {directory.Path}", TimeSpan.FromMinutes(1));

        exitCode.Should().Be(0, text);
        string[] pngs = Directory.GetFiles(directory.Path, "digit_*.png");
        pngs.Should().HaveCount(20);
        // Read the PNGs back and let the shipped classifier say what they show.
        using var evaluator = Dcgan.Mnist.Evaluation.MnistEvaluator.Create(TestData.Mnist);
        float[] pixels = pngs.Order().SelectMany(path =>
        {
            using var image = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.L8>(path);
            var values = new float[28 * 28];
            for (int y = 0; y < 28; y++)
            {
                for (int x = 0; x < 28; x++)
                    values[(y * 28) + x] = (image[x, y].PackedValue / 127.5f) - 1;
            }
            return values;
        }).ToArray();
        using TorchSharp.torch.Tensor images = TorchSharp.torch.tensor(pixels, [20, 1, 28, 28]);
        evaluator.Evaluate(images).ClassFractions[7].Should().BeGreaterThanOrEqualTo(0.9, "the pretrained conditional generator agrees with the label 99% of the time");
        using var grid = SixLabors.ImageSharp.Image.Load(Path.Combine(directory.Path, "class-grid.png"));
        grid.Height.Should().Be((10 * 30) + 2, "one row per digit");
    }

    [Fact]
    public void GenerateDigit_WithAnUnconditionalModel_ExitsWith2AndSaysWhy()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string model = Path.Combine(directory.Path, "plain.dcgan");
        using (var generator = new Dcgan.Models.Generator(new Dcgan.Models.DcganArchitecture { Generator = new() { FeatureMaps = 8 }, Discriminator = new() { Pieces = [] } }))
            Dcgan.Persistence.GeneratorFile.Save(generator, model);

        (int exitCode, string text) = CliProcess.Run($"generate --model {model} --digit 3 --output {directory.Path}", TimeSpan.FromMinutes(1));

        exitCode.Should().Be(2);
        text.Should().Contain("class-conditional").And.Contain("--conditional");
    }
}
