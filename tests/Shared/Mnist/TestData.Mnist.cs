using Dcgan.Mnist;
using Dcgan.Mnist.Datasets;

namespace Dcgan.Tests;

/// <summary>The real MNIST files, for the test projects that reference Dcgan.Mnist.</summary>
internal static partial class TestData
{
    private static readonly Lazy<MnistDataset> Dataset = new(() => MnistDataset.Load(MnistDirectory));
    private static readonly Lazy<MnistDataset> FashionDataset = new(() => MnistDataset.Load(new MnistOptions { Dataset = IdxDatasetSpec.FashionMnist, Directory = FashionMnistDirectory }));

    /// <summary><c>DCGAN_MNIST_DIR</c> if set, else the first <c>shared/mnist</c> found walking up from the test binaries.</summary>
    public static string MnistDirectory => SharedDirectory("mnist", "train-images-idx3-ubyte.gz", MnistOptions.DirectoryVariable);

    /// <summary>The full data set, read once per test process.</summary>
    public static MnistDataset Mnist => Dataset.Value;

    /// <summary><c>DCGAN_FASHION_MNIST_DIR</c> if set, else the first <c>shared/fashion-mnist</c> found walking up from the test binaries.</summary>
    public static string FashionMnistDirectory => SharedDirectory("fashion-mnist", "train-images-idx3-ubyte.gz", IdxDatasetSpec.FashionMnist.DirectoryVariable);

    /// <summary>The full Fashion-MNIST data set, read once per test process.</summary>
    public static MnistDataset FashionMnist => FashionDataset.Value;
}
