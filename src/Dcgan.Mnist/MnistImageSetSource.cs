using Dcgan.Data;

namespace Dcgan.Mnist;

/// <summary>An in-memory <see cref="MnistImageSet"/> served as a Dcgan data source (see <see cref="MnistImageSet.ToDataSource"/>).</summary>
internal sealed class MnistImageSetSource(MnistImageSet set) : IImageDataSource
{
    public string Description => set.Name;

    public int Channels => 1;

    public IReadOnlyList<string> ClassNames => set.ClassNames;

    public ImageData Load(int imageSize, CancellationToken cancellationToken = default) => set.ToImageData(imageSize);
}
