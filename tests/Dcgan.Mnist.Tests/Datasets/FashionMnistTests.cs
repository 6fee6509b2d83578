using System.IO.Compression;
using Dcgan.Mnist.Datasets;
using Dcgan.Mnist.Evaluation;
using Dcgan.Mnist.Tests.Evaluation;
using Dcgan.Tests;

namespace Dcgan.Mnist.Tests.Datasets;

/// <summary>Fashion-MNIST through the same spec-driven reader as MNIST, on the real files of shared/fashion-mnist.</summary>
public sealed class FashionMnistTests
{
    [Fact]
    public void Load_RealFiles_HasTheSplitsClassNamesAndBalancedClasses()
    {
        MnistDataset fashion = TestData.FashionMnist;

        fashion.Spec.Should().BeSameAs(IdxDatasetSpec.FashionMnist);
        fashion.Train.Count.Should().Be(60000);
        fashion.Test.Count.Should().Be(10000);
        fashion.ClassNames.Should().Equal("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
        fashion.Train.CountPerClass().Should().OnlyContain(count => count == 6000);
        fashion.Test.CountPerClass().Should().OnlyContain(count => count == 1000);
        fashion.Train.Name.Should().Be("Fashion-MNIST train");
        // Ankle boot and T-shirt/top: the first training and test labels published with the data set.
        fashion.Train.Labels.Span[0].Should().Be(9);
        fashion.Test.Labels.Span[0].Should().Be(9);
    }

    [Fact]
    public void Load_ReGzippedCopyAsDebianShipsIt_IsAcceptedBecauseTheContentIsChecked()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        foreach (IdxFileSpec file in IdxDatasetSpec.FashionMnist.Files)
        {
            // Another compression level and no file name in the header: different .gz bytes, same IDX content.
            using var input = new GZipStream(File.OpenRead(Path.Combine(TestData.FashionMnistDirectory, file.Name)), CompressionMode.Decompress);
            using var output = new GZipStream(File.Create(Path.Combine(directory.Path, file.Name)), CompressionLevel.Fastest);
            input.CopyTo(output);
        }
        File.ReadAllBytes(Path.Combine(directory.Path, "t10k-labels-idx1-ubyte.gz"))
            .Should().NotEqual(File.ReadAllBytes(Path.Combine(TestData.FashionMnistDirectory, "t10k-labels-idx1-ubyte.gz")));

        MnistDataset fashion = MnistDataset.Load(new MnistOptions { Dataset = IdxDatasetSpec.FashionMnist, Directory = directory.Path });

        fashion.Test.Count.Should().Be(10000);
        fashion.Test.Pixels.ToArray().Should().Equal(TestData.FashionMnist.Test.Pixels.ToArray());
    }

    [Fact]
    public void Load_MnistFilesNamedAsFashionMnist_FailsNamingTheFileAndTheChecksum()
    {
        Action act = () => MnistDataset.Load(new MnistOptions { Dataset = IdxDatasetSpec.FashionMnist, Directory = TestData.MnistDirectory });

        act.Should().Throw<InvalidDataException>()
            .WithMessage($"*{TestData.MnistDirectory}*train-images-idx3-ubyte*not the expected*SHA-256 mismatch*c59f468a*");
    }

    [Fact]
    public void Load_CustomSpecWithoutChecksums_ReadsAnyFilesOfTheLayout()
    {
        IdxDatasetSpec custom = IdxDatasetSpec.Mnist with
        {
            Name = "My digits",
            Key = "my-digits",
            TrainImages = IdxDatasetSpec.Mnist.TrainImages with { ContentSha256 = null },
            TrainLabels = IdxDatasetSpec.Mnist.TrainLabels with { ContentSha256 = null },
            TestImages = IdxDatasetSpec.Mnist.TestImages with { ContentSha256 = null },
            TestLabels = IdxDatasetSpec.Mnist.TestLabels with { ContentSha256 = null },
        };

        MnistDataset data = MnistDataset.Load(new MnistOptions { Dataset = custom, Directory = TestData.FashionMnistDirectory });

        data.Train.Name.Should().Be("My digits train");
        data.Train.Pixels.Length.Should().Be(60000 * 784);
    }

    [Fact]
    public void FromKey_EveryBuiltInKeyRoundTrips_AndAnUnknownKeyListsTheKnownOnes()
    {
        foreach (IdxDatasetSpec spec in IdxDatasetSpec.BuiltIn)
            IdxDatasetSpec.FromKey(spec.Key).Should().BeSameAs(spec);

        Action act = () => IdxDatasetSpec.FromKey("kmnist");

        act.Should().Throw<ArgumentException>().WithMessage("*'kmnist'*mnist, fashion-mnist*");
    }

    [Fact]
    public void DefaultCacheDirectory_IsOneFolderPerDataSet()
    {
        IdxDatasetSpec.FashionMnist.DefaultCacheDirectory.Should().EndWith(Path.Combine("dcgan", "fashion-mnist"));
        IdxDatasetSpec.Mnist.DefaultCacheDirectory.Should().EndWith(Path.Combine("dcgan", "mnist"));
    }

    [Fact]
    public void WithFashionMnist_TrainerTakesTheClothingClassesForConditioning()
    {
        using var trainer = new DcganBuilder().WithFashionMnist(TestData.FashionMnistDirectory).WithFeatureMaps(8, 8).WithClassConditioning().Build();

        trainer.Options.Architecture.Shape.ClassNames.Should().Equal(IdxDatasetSpec.FashionMnist.ClassNames);
    }

    [Fact]
    public void ShippedClassifier_ForFashionMnist_ScoresAtLeast90PercentAndMatchesTheDocs()
    {
        using MnistEvaluator evaluator = MnistEvaluator.Create(TestData.FashionMnist);

        evaluator.TestAccuracy().Should().BeGreaterThanOrEqualTo(0.90);
        string docs = File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "docs", "datasets.md"));
        var recorded = MnistEvaluatorTests.Sha256InDocs().Match(docs);
        recorded.Success.Should().BeTrue("docs/datasets.md records the Fashion-MNIST classifier's SHA-256");
        MnistClassifierFile.ShippedSha256(IdxDatasetSpec.FashionMnist).Should().Be(recorded.Groups[1].Value);
    }

    [Fact]
    public void LoadShipped_ForADataSetWithoutOne_SaysWhichShip()
    {
        IdxDatasetSpec custom = IdxDatasetSpec.Mnist with { Name = "My digits", Key = "my-digits" };

        MnistClassifierFile.HasShipped(custom).Should().BeFalse();
        Action act = () => MnistClassifierFile.LoadShipped(custom);

        act.Should().Throw<ArgumentException>().WithMessage("*no classifier for My digits*MNIST, Fashion-MNIST*MnistClassifierTraining*");
    }
}
