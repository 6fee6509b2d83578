using static TorchSharp.torch;

namespace Dcgan.Data;

/// <summary>
/// A whole image data set in one tensor: <c>[N, C, H, W]</c>, <c>float32</c>, values in [-1, 1], with
/// optional integer labels <c>[N]</c>. Owns its tensors; dispose it when done.
/// </summary>
public sealed class ImageData : IDisposable
{
    /// <summary>Wraps <paramref name="images"/> (and <paramref name="labels"/>), taking ownership of them.</summary>
    /// <param name="images">A 4-D float32 tensor <c>[N, C, H, W]</c> with square images, values in [-1, 1].</param>
    /// <param name="labels">An optional 1-D int64 tensor of N class labels.</param>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes or element types are not as described.</exception>
    public ImageData(Tensor images, Tensor? labels = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[2] != images.shape[3] || images.shape[0] == 0)
            throw new ArgumentException($"Expected a non-empty [N, C, H, W] tensor of square images, but got shape [{string.Join(", ", images.shape)}].", nameof(images));
        if (images.dtype != ScalarType.Float32)
            throw new ArgumentException($"Expected float32 images, but got {images.dtype}.", nameof(images));
        if (labels is not null && (labels.dim() != 1 || labels.shape[0] != images.shape[0]))
            throw new ArgumentException($"Expected {images.shape[0]} labels in a 1-D tensor, but got shape [{string.Join(", ", labels.shape)}].", nameof(labels));
        Images = images;
        Labels = labels;
    }

    /// <summary>The images, <c>[N, C, H, W]</c> in [-1, 1].</summary>
    public Tensor Images { get; }

    /// <summary>The class labels <c>[N]</c>, or null for unlabelled data.</summary>
    public Tensor? Labels { get; }

    /// <summary>Number of images.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>Colour channels.</summary>
    public int Channels => (int)Images.shape[1];

    /// <summary>Side of the square images in pixels.</summary>
    public int ImageSize => (int)Images.shape[2];

    /// <summary>Disposes the tensors; safe to call more than once.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels?.Dispose();
    }
}
