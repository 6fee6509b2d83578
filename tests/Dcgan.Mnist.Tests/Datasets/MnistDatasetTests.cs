using Dcgan.Tests;

namespace Dcgan.Mnist.Tests.Datasets;

public sealed class MnistDatasetTests
{
    [Fact]
    public void Load_RealFiles_Has60000TrainingAnd10000TestImages()
    {
        MnistDataset mnist = TestData.Mnist;

        mnist.Train.Count.Should().Be(60000);
        mnist.Test.Count.Should().Be(10000);
        mnist.Train.Pixels.Length.Should().Be(60000 * 784);
    }

    [Fact]
    public void Load_RealFiles_FirstLabelsAreFiveAndSeven()
    {
        TestData.Mnist.Train.Labels.Span[0].Should().Be(5);
        TestData.Mnist.Test.Labels.Span[0].Should().Be(7);
    }

    [Fact]
    public void CountPerClass_TrainingSet_MatchesThePublishedCounts()
    {
        TestData.Mnist.Train.CountPerClass().Should().Equal(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
    }

    [Fact]
    public void Take_FirstN_KeepsOrderAndPixels()
    {
        MnistImageSet first = TestData.Mnist.Train.Take(3);

        first.Count.Should().Be(3);
        first.Labels.ToArray().Should().Equal(5, 0, 4);
        first.GetImage(2).ToArray().Should().Equal(TestData.Mnist.Train.GetImage(2).ToArray());
    }

    [Fact]
    public void TakePerClass_GivesEqualCountsOfEachDigit()
    {
        MnistImageSet balanced = TestData.Mnist.Train.TakePerClass(7);

        balanced.Count.Should().Be(70);
        balanced.CountPerClass().Should().OnlyContain(count => count == 7);
    }

    [Fact]
    public void TakePerClass_MoreThanTheRarestDigit_Throws()
    {
        Action act = () => TestData.Mnist.Train.TakePerClass(5422);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*5421*");
    }

    [Fact]
    public void Load_MissingDirectory_ThrowsNamingIt()
    {
        Action act = () => MnistDataset.Load("/nonexistent/mnist");

        act.Should().Throw<DirectoryNotFoundException>().WithMessage("*/nonexistent/mnist*train-images-idx3-ubyte.gz*");
    }

    [Fact]
    public void Load_DirectoryMissingAFile_ThrowsListingItAndNeverDownloads()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        foreach (string name in new[] { "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz" })
            File.Copy(Path.Combine(TestData.MnistDirectory, name), Path.Combine(directory.Path, name));

        Action act = () => MnistDataset.Load(directory.Path);

        act.Should().Throw<FileNotFoundException>().WithMessage("*lacks t10k-labels-idx1-ubyte.gz*never filled by downloading*");
        Directory.GetFiles(directory.Path).Should().HaveCount(3);
    }

    [Fact]
    public void Load_ImageAndLabelCountsDisagree_ThrowsNamingBothFiles()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        foreach (string name in new[] { "train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" })
            File.Copy(Path.Combine(TestData.MnistDirectory, name), Path.Combine(directory.Path, name));
        // 10,000 test labels posing as the 60,000 training labels.
        File.Copy(Path.Combine(TestData.MnistDirectory, "t10k-labels-idx1-ubyte.gz"), Path.Combine(directory.Path, "train-labels-idx1-ubyte.gz"));

        Action act = () => MnistDataset.Load(directory.Path);

        act.Should().Throw<InvalidDataException>().WithMessage("*train-images-idx3-ubyte.gz' holds 60000 images*train-labels-idx1-ubyte.gz' holds 10000 labels*");
    }

    [Fact]
    public void ToImageData_At32Pixels_PadsAndKeepsLabels()
    {
        using var data = TestData.Mnist.Test.Take(10).ToImageData(32);

        data.Images.shape.Should().Equal(10, 1, 32, 32);
        data.Labels!.shape.Should().Equal(10);
        data.Labels[0].item<long>().Should().Be(7);
    }
}
