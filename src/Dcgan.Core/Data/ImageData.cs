using Dcgan.Imaging;
using static TorchSharp.torch;

namespace Dcgan.Data;

/// <summary>
/// A whole image data set in one tensor <c>[N, C, H, W]</c>, with optional integer labels <c>[N]</c>: either
/// <c>float32</c> values in [-1, 1], or <c>uint8</c> pixel bytes (a quarter of the memory, and possibly memory-mapped from
/// a file larger than the memory) that <see cref="Select"/> turns into values batch by batch. Owns its tensors; dispose
/// it when done.
/// </summary>
public sealed class ImageData : IDisposable
{
    /// <summary>Wraps <paramref name="images"/> (and <paramref name="labels"/>), taking ownership of them.</summary>
    /// <param name="images">A 4-D tensor <c>[N, C, H, W]</c> of square images: float32 values in [-1, 1], or uint8 pixel bytes.</param>
    /// <param name="labels">An optional 1-D int64 tensor of N class labels.</param>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes or element types are not as described.</exception>
    public ImageData(Tensor images, Tensor? labels = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[2] != images.shape[3] || images.shape[0] == 0)
            throw new ArgumentException($"Expected a non-empty [N, C, H, W] tensor of square images, but got shape [{string.Join(", ", images.shape)}].", nameof(images));
        if (images.dtype is not (ScalarType.Float32 or ScalarType.Byte))
            throw new ArgumentException($"Expected float32 images or uint8 pixel bytes, but got {images.dtype}.", nameof(images));
        if (labels is not null && (labels.dim() != 1 || labels.shape[0] != images.shape[0]))
            throw new ArgumentException($"Expected {images.shape[0]} labels in a 1-D tensor, but got shape [{string.Join(", ", labels.shape)}].", nameof(labels));
        Images = images;
        Labels = labels;
    }

    /// <summary>The images as stored, <c>[N, C, H, W]</c>: float32 in [-1, 1], or uint8 pixel bytes (see <see cref="HoldsPixelBytes"/>).</summary>
    public Tensor Images { get; }

    /// <summary>Whether <see cref="Images"/> holds uint8 pixel bytes rather than float32 values.</summary>
    public bool HoldsPixelBytes => Images.dtype == ScalarType.Byte;

    /// <summary>The class labels <c>[N]</c>, or null for unlabelled data.</summary>
    public Tensor? Labels { get; }

    /// <summary>Number of images.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>Colour channels.</summary>
    public int Channels => (int)Images.shape[1];

    /// <summary>Side of the square images in pixels.</summary>
    public int ImageSize => (int)Images.shape[2];

    /// <summary>The images at <paramref name="indices"/> as float32 values in [-1, 1], whatever the storage.</summary>
    /// <param name="indices">An int64 tensor of image indices.</param>
    /// <returns>A new tensor <c>[K, C, H, W]</c> owned by the caller (or its dispose scope).</returns>
    public Tensor Select(Tensor indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return TensorImages.ToValues(Images.index_select(0, indices));
    }

    /// <summary>Every image as float32 values in [-1, 1]: a new handle to <see cref="Images"/>, or its converted copy.</summary>
    /// <returns>A new tensor <c>[N, C, H, W]</c> owned by the caller (or its dispose scope).</returns>
    public Tensor ToValues() => TensorImages.ToValues(Images.detach());

    /// <summary>Disposes the tensors; safe to call more than once.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels?.Dispose();
    }
}
