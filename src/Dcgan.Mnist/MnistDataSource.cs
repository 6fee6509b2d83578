using Dcgan.Data;

namespace Dcgan.Mnist;

/// <summary>
/// MNIST (or another MNIST-layout data set, <see cref="MnistOptions.Dataset"/>) as a Dcgan <see cref="IImageDataSource"/>:
/// the training split (or the test split), optionally cut to the first N images or N per class. Files are located and
/// read when the trainer loads.
/// </summary>
public sealed class MnistDataSource : IImageDataSource
{
    private readonly MnistOptions options;

    /// <summary>Creates the source; nothing is read until <see cref="Load"/>.</summary>
    /// <param name="options">Where the files are and which images to use; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MnistOptions.Limit"/> or <see cref="MnistOptions.PerClass"/> is not positive.</exception>
    public MnistDataSource(MnistOptions? options = null)
    {
        this.options = options?.Clone() ?? new MnistOptions();
        ArgumentNullException.ThrowIfNull(this.options.Dataset, "options.Dataset");
        if (this.options.Limit is int limit)
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, "options.Limit");
        if (this.options.PerClass is int perClass)
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perClass, "options.PerClass");
    }

    /// <inheritdoc />
    public string Description
    {
        get
        {
            string text = options.Dataset.Name + (options.UseTestSplit ? " test" : " train");
            if (options.PerClass is int perClass)
                text += $", {perClass} per class";
            if (options.Limit is int limit)
                text += $", first {limit}";
            return text;
        }
    }

    /// <inheritdoc />
    public int Channels => 1;

    /// <summary>The data set's class names; for MNIST the ten digits <c>"0"</c> to <c>"9"</c> (label <c>d</c> is the digit <c>d</c>).</summary>
    public IReadOnlyList<string> ClassNames => options.Dataset.ClassNames;

    /// <inheritdoc />
    public ImageData Load(int imageSize, CancellationToken cancellationToken = default)
    {
        MnistDataset dataset = MnistDataset.Load(options, cancellationToken);
        MnistImageSet set = options.UseTestSplit ? dataset.Test : dataset.Train;
        if (options.PerClass is int perClass)
            set = set.TakePerClass(perClass);
        if (options.Limit is int limit && limit < set.Count)
            set = set.Take(limit);
        return set.ToImageData(imageSize);
    }
}
