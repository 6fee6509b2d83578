using Dcgan.Tests;
using Dcgan.Training;

namespace Dcgan.Core.Tests;

public sealed class DcganBuilderTests
{
    [Fact]
    public void Build_WithSeveralBadSettings_ReportsEveryProblemTogether()
    {
        var builder = new DcganBuilder()
            .WithLatentSize(0)
            .WithImageSize(48)
            .WithBatchSize(1)
            .WithEpochs(-2)
            .WithLearningRates(double.NaN, -1)
            .WithBetas(1.0, 0.999)
            .WithThreads(0);

        Action act = () => builder.Build();

        var errors = act.Should().Throw<DcganValidationException>().Which.Errors;
        errors.Should().HaveCount(9);
        string all = string.Join("\n", errors);
        all.Should().Contain("LatentSize").And.Contain("ImageSize 48").And.Contain("28, 32, 64").And.Contain("BatchSize")
            .And.Contain("Epochs").And.Contain("GeneratorLearningRate").And.Contain("DiscriminatorLearningRate").And.Contain("Beta1")
            .And.Contain("Threads").And.Contain("No data source");
    }

    [Fact]
    public void Validate_OnlyReadsTheOptions_WhileBuildCreatesTheDirectories()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string output = Path.Combine(directory.Path, "out"), checkpoints = Path.Combine(directory.Path, "checkpoints");
        var options = new DcganOptions { Outputs = { Directory = output }, Checkpoints = { Directory = checkpoints } };

        options.Validate().Should().BeEmpty();
        Directory.Exists(output).Should().BeFalse();
        Directory.Exists(checkpoints).Should().BeFalse();

        using (new DcganBuilder().WithDataSource(EmojiSubsetSource.First(64)).Configure(o => { o.Outputs.Directory = output; o.Checkpoints.Directory = checkpoints; }).Build())
        {
        }
        Directory.Exists(output).Should().BeTrue();
        Directory.Exists(checkpoints).Should().BeTrue();
    }

    [Fact]
    public void Build_UnwritableOutputDirectory_IsReportedBeforeTraining()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string file = Path.Combine(directory.Path, "a-file");
        File.WriteAllText(file, "x");

        Action act = () => new DcganBuilder().WithDataSource(EmojiSubsetSource.First(64)).WithOutputDirectory(Path.Combine(file, "out")).Build();

        act.Should().Throw<DcganValidationException>().Which.Errors.Should().ContainSingle().Which.Should().Contain("Outputs.Directory").And.Contain("not writable");
    }

    [Fact]
    public void Build_ChannelsDisagreeWithDataSource_IsReported()
    {
        Action act = () => new DcganBuilder().WithDataSource(EmojiSubsetSource.First(64)).WithChannels(3).Build();

        act.Should().Throw<DcganValidationException>().WithMessage("*Channels is 3*has 1*");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    public void Build_LabelSmoothingOutsideItsRange_IsReported(double smoothing)
    {
        Action act = () => new DcganBuilder().WithDataSource(EmojiSubsetSource.First(64)).WithLabelSmoothing(smoothing).Build();

        act.Should().Throw<DcganValidationException>().Which.Errors.Should().ContainSingle().Which.Should().Contain("LabelSmoothing").And.Contain("[0, 0.5)");
    }

    [Theory]
    [InlineData(3, 32)]
    [InlineData(4, 4)]
    public void Build_BatchThatDoesNotHoldWholePacks_IsReported(int packing, int batchSize)
    {
        Action act = () => new DcganBuilder().WithDataSource(EmojiSubsetSource.First(64)).WithDiscriminatorPacking(packing).WithBatchSize(batchSize).Build();

        act.Should().Throw<DcganValidationException>().Which.Errors.Should().ContainSingle()
            .Which.Should().Contain("BatchSize").And.Contain($"packing {packing}").And.Contain($"was {batchSize}");
    }

    [Fact]
    public void Build_Twice_Throws()
    {
        var builder = new DcganBuilder().WithDataSource(EmojiSubsetSource.First(64)).WithFeatureMaps(8, 8);
        using (builder.Build())
        {
        }

        Action act = () => builder.Build();

        act.Should().Throw<InvalidOperationException>().WithMessage("*already built*");
    }

    [Fact]
    public void Build_CudaWithoutCudaBackend_FailsWithClearMessage()
    {
        Action act = () => new DcganBuilder().WithDataSource(EmojiSubsetSource.First(64)).WithDevice("cuda").Build().Dispose();

        act.Should().Throw<InvalidOperationException>().WithMessage("*'cuda'*CUDA is not available*backend*");
    }

    [Fact]
    public void Build_UnknownDevice_IsReported()
    {
        Action act = () => new DcganBuilder().WithDataSource(EmojiSubsetSource.First(64)).WithDevice("tpu").Build();

        act.Should().Throw<DcganValidationException>().WithMessage("*Device*'tpu'*");
    }

    [Fact]
    public void WithMinibatchDiscrimination_Zero_RemovesTheLayer_AndBadSizesAreNamed()
    {
        using var trainer = new DcganBuilder().WithDataSource(EmojiSubsetSource.First(64)).WithFeatureMaps(8, 8).WithMinibatchDiscrimination(0).Build();
        Action act = () => new DcganBuilder().WithDataSource(EmojiSubsetSource.First(64)).WithMinibatchDiscrimination(-2, 0).Build();

        trainer.Discriminator.modules().Should().NotContain(m => m is Dcgan.Models.DiscriminatorPieces.MinibatchDiscrimination);
        act.Should().Throw<DcganValidationException>().WithMessage("*Kernels*-2*KernelDimensions*0*");
    }

    [Fact]
    public void Build_Defaults_AreTheTunedOnes_AndChannelsComeFromTheSource()
    {
        using var trainer = new DcganBuilder().WithDataSource(EmojiSubsetSource.First(64, channels: 3)).WithFeatureMaps(8, 8).Build();

        trainer.Options.Architecture.Shape.Channels.Should().Be(3);
        trainer.Options.Epochs.Should().Be(5);
        trainer.Options.Optimization.BatchSize.Should().Be(32);
        trainer.Options.Optimization.GeneratorAverageDecay.Should().Be(0.999);
        trainer.Options.Architecture.Discriminator.Pieces.Should().Equal(new Dcgan.Models.DiscriminatorPieces.MinibatchStdDevPiece(), new Dcgan.Models.DiscriminatorPieces.MinibatchDiscriminationPiece { Kernels = 50, KernelDimensions = 5 });
        trainer.Discriminator.modules().Should().ContainSingle(m => m is Dcgan.Models.DiscriminatorPieces.MinibatchDiscrimination);
        trainer.Options.Optimization.GeneratorLearningRate.Should().Be(8e-4);
        trainer.Options.Optimization.DiscriminatorLearningRate.Should().Be(2e-4);
        trainer.Options.Optimization.Beta1.Should().Be(0.5);
        trainer.Options.Optimization.GeneratorStepsPerBatch.Should().Be(2);
    }

    [Fact]
    public void WithClassConditioning_TakesTheClassesFromTheSource()
    {
        using var trainer = new DcganBuilder().WithDataSource(EmojiSubsetSource.Labelled(64)).WithFeatureMaps(8, 8).WithClassConditioning().Build();

        trainer.Options.Architecture.Shape.ClassNames.Should().Equal(EmojiSubsetSource.ClassNames);
        trainer.Generator.Shape.IsConditional.Should().BeTrue();
        trainer.Discriminator.Shape.ClassCount.Should().Be(3);
    }

    [Fact]
    public void Configure_CanSayWhatTheWithMethodsSay()
    {
        var withMethods = new DcganBuilder().WithDataSource(EmojiSubsetSource.Labelled(64)).WithChannels(1).WithImageSize(32).WithFeatureMaps(8, 16)
            .WithBatchSize(16).WithLearningRates(1e-3, 1e-4).WithBetas(0.4, 0.99).WithSeed(7).WithThreads(1).WithGeneratorAverage(null)
            .WithLoss(new Dcgan.Training.Losses.HingeLoss()).WithMinibatchStdDev(false).WithMinibatchDiscrimination(4, 2).WithDiscriminatorPacking(2)
            .WithClassConditioning().WithSampleInterval(2).WithPictures(progressGif: false).WithMetrics(0).WithEpochs(3);
        var configured = new DcganBuilder().WithDataSource(EmojiSubsetSource.Labelled(64)).Configure(o =>
        {
            o.ChannelsFromDataSource = false;
            o.ClassesFromDataSource = true;
            o.Architecture = new Dcgan.Models.DcganArchitecture
            {
                Shape = new() { ImageSize = 32, Channels = 1 },
                Generator = new() { FeatureMaps = 8 },
                Discriminator = new() { FeatureMaps = 16, Packing = 2, Pieces = [new Dcgan.Models.DiscriminatorPieces.MinibatchDiscriminationPiece { Kernels = 4, KernelDimensions = 2 }] },
            };
            o.Optimization = new() { BatchSize = 16, GeneratorLearningRate = 1e-3, DiscriminatorLearningRate = 1e-4, Beta1 = 0.4, Beta2 = 0.99, Seed = 7, GeneratorAverageDecay = null, Loss = new Dcgan.Training.Losses.HingeLoss() };
            o.Runtime.Threads = 1;
            o.Outputs.SampleInterval = 2;
            o.Outputs.WriteProgressGif = false;
            o.Outputs.MetricsInterval = 0;
            o.Epochs = 3;
        });

        using AdversarialTrainer a = withMethods.Build();
        using AdversarialTrainer b = configured.Build();

        System.Text.Json.JsonSerializer.Serialize(b.Options).Should().Be(System.Text.Json.JsonSerializer.Serialize(a.Options));
        b.Options.Architecture.Should().Be(a.Options.Architecture);
    }

    [Fact]
    public void WithClassConditioning_OnASourceThatNamesNoClasses_IsReported()
    {
        Action act = () => new DcganBuilder().WithDataSource(new UnlabelledSource(EmojiSubsetSource.First(64))).WithClassConditioning().Build();

        act.Should().Throw<DcganValidationException>().Which.Errors.Should().ContainSingle()
            .Which.Should().Contain("names none").And.Contain("WithClassConditioning(names)");
    }

    [Fact]
    public void Train_ConditionalOnDataWithoutFittingLabels_FailsNamingTheSource()
    {
        var unlabelled = new DcganBuilder().WithDataSource(new UnlabelledSource(EmojiSubsetSource.First(64))).WithFeatureMaps(8, 8).WithClassConditioning(["a", "b"]);
        var tooFewClasses = new DcganBuilder().WithDataSource(EmojiSubsetSource.Labelled(64)).WithFeatureMaps(8, 8).WithClassConditioning(["a", "b"]);

        unlabelled.Invoking(b => b.Train()).Should().Throw<InvalidOperationException>().WithMessage("*2 classes*has no labels*");
        tooFewClasses.Invoking(b => b.Train()).Should().Throw<InvalidOperationException>().WithMessage("*from 0 to 1*labels from 0 to 2*");
    }

    /// <summary>Serves a source's images without their labels or class names.</summary>
    private sealed class UnlabelledSource(Dcgan.Data.IImageDataSource inner) : Dcgan.Data.IImageDataSource
    {
        public string Description => "unlabelled " + inner.Description;

        public int Channels => inner.Channels;

        public Dcgan.Data.ImageData Load(int imageSize, CancellationToken cancellationToken = default)
        {
            using Dcgan.Data.ImageData labelled = inner.Load(imageSize, cancellationToken);
            return new Dcgan.Data.ImageData(labelled.Images.clone());
        }
    }
}
