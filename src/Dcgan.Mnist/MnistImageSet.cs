using Dcgan.Data;
using static TorchSharp.torch;

namespace Dcgan.Mnist;

/// <summary>
/// A set of 28x28 images of an MNIST-layout data set with their labels, kept as bytes (784 per image, row-major,
/// 0 = black).
/// Immutable; subsets share nothing with their parent.
/// </summary>
public sealed class MnistImageSet
{
    private readonly byte[] pixels;
    private readonly byte[] labels;

    internal MnistImageSet(string name, IReadOnlyList<string> classNames, byte[] pixels, byte[] labels)
    {
        Name = name;
        ClassNames = classNames;
        this.pixels = pixels;
        this.labels = labels;
    }

    /// <summary>Bytes per image (28 x 28).</summary>
    public const int ImageBytes = PixelTransforms.MnistSide * PixelTransforms.MnistSide;

    /// <summary>A description such as <c>MNIST train</c> or <c>MNIST train, first 500</c>.</summary>
    public string Name { get; }

    /// <summary>The names of the labels (for MNIST the digits <c>"0"</c> to <c>"9"</c>).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of images.</summary>
    public int Count => labels.Length;

    /// <summary>All pixels, image after image.</summary>
    public ReadOnlyMemory<byte> Pixels => pixels;

    /// <summary>All labels (0 to the number of classes - 1), one per image.</summary>
    public ReadOnlyMemory<byte> Labels => labels;

    /// <summary>The 784 pixels of image <paramref name="index"/>.</summary>
    /// <param name="index">From 0 to <see cref="Count"/> - 1.</param>
    /// <returns>The pixels.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public ReadOnlySpan<byte> GetImage(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return pixels.AsSpan(index * ImageBytes, ImageBytes);
    }

    /// <summary>How many images of each class, indexed by label.</summary>
    /// <returns>One count per class.</returns>
    public IReadOnlyList<int> CountPerClass()
    {
        var counts = new int[ClassNames.Count];
        foreach (byte label in labels)
            counts[label]++;
        return counts;
    }

    /// <summary>The first <paramref name="count"/> images.</summary>
    /// <param name="count">From 1 to <see cref="Count"/>.</param>
    /// <returns>A new set.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is out of range.</exception>
    public MnistImageSet Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        return new MnistImageSet($"{Name}, first {count}", ClassNames, pixels[..(count * ImageBytes)], labels[..count]);
    }

    /// <summary>The first <paramref name="perClass"/> images of each class, in their original order.</summary>
    /// <param name="perClass">Positive, and at most the smallest class count.</param>
    /// <returns>A new set of (classes x <paramref name="perClass"/>) images.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="perClass"/> is not positive or exceeds a class's count.</exception>
    public MnistImageSet TakePerClass(int perClass)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perClass);
        int smallest = CountPerClass().Min();
        if (perClass > smallest)
            throw new ArgumentOutOfRangeException(nameof(perClass), perClass, $"{Name} has only {smallest} images of its rarest class.");

        int classes = ClassNames.Count;
        var taken = new int[classes];
        var keep = new List<int>(perClass * classes);
        for (int i = 0; i < Count && keep.Count < perClass * classes; i++)
        {
            if (taken[labels[i]] < perClass)
            {
                taken[labels[i]]++;
                keep.Add(i);
            }
        }

        byte[] subsetPixels = new byte[keep.Count * ImageBytes];
        byte[] subsetLabels = new byte[keep.Count];
        for (int j = 0; j < keep.Count; j++)
        {
            GetImage(keep[j]).CopyTo(subsetPixels.AsSpan(j * ImageBytes));
            subsetLabels[j] = labels[keep[j]];
        }
        return new MnistImageSet($"{Name}, {perClass} per class", ClassNames, subsetPixels, subsetLabels);
    }

    /// <summary>
    /// This set as a data source for <see cref="DcganBuilder.WithDataSource"/>: trains on exactly these
    /// images, already in memory (for example <c>dataset.Train.TakePerClass(100).ToDataSource()</c>).
    /// </summary>
    /// <returns>The data source.</returns>
    public IImageDataSource ToDataSource() => new MnistImageSetSource(this);

    /// <summary>The images as one tensor <c>[N, 1, size, size]</c> in [-1, 1] with int64 labels, ready for training.</summary>
    /// <param name="imageSize">28, 32 (padded) or 64 (bilinear); see <see cref="PixelTransforms"/>.</param>
    /// <returns>New tensors owned by the caller.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="imageSize"/> is not supported.</exception>
    public ImageData ToImageData(int imageSize = PixelTransforms.MnistSide)
    {
        Tensor images = PixelTransforms.ToTensor(pixels, Count, imageSize);
        Tensor labelTensor = tensor(labels).to_type(ScalarType.Int64);
        return new ImageData(images, labelTensor);
    }
}
