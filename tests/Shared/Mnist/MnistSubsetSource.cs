using Dcgan.Data;

namespace Dcgan.Tests;

/// <summary>A real MNIST subset, read once per process, served through the public data-source primitive.</summary>
internal static class MnistSubsetSource
{
    public static IImageDataSource First(int count) => TestData.Mnist.Train.Take(count).ToDataSource();
}
