using Dcgan.Data;
using Dcgan.Mnist;

namespace Dcgan.Tests;

/// <summary>A real MNIST subset, read once per process, served through the public data-source primitive.</summary>
internal sealed class MnistSubsetSource(int count) : IImageDataSource
{
    public string Description => $"MNIST train, first {count} (test subset)";

    public int Channels => 1;

    public ImageData Load(int imageSize, CancellationToken cancellationToken = default) =>
        TestData.Mnist.Train.Take(count).ToImageData(imageSize);
}
