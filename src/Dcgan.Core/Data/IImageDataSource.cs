namespace Dcgan.Data;

/// <summary>
/// The one primitive through which training data reaches Dcgan. Satellite packages such as Dcgan.Mnist
/// implement it and plug it in with <see cref="DcganBuilder.WithDataSource(IImageDataSource)"/>.
/// </summary>
/// <remarks>
/// A source loads the whole data set once into a single tensor (<see cref="ImageData"/>); the trainer
/// then draws batches from it by index, so no per-image copies are made while training.
/// </remarks>
public interface IImageDataSource
{
    /// <summary>A short human-readable description for logs, such as <c>MNIST train (60000 images)</c>.</summary>
    string Description { get; }

    /// <summary>Colour channels of the images the source produces (1 or 3).</summary>
    int Channels { get; }

    /// <summary>
    /// The names of the classes the source's labels stand for, in label order, or null when the images are
    /// unlabelled. <see cref="DcganBuilder.WithClassConditioning()"/> takes its classes from here.
    /// </summary>
    IReadOnlyList<string>? ClassNames => null;

    /// <summary>Loads every image at <paramref name="imageSize"/> x <paramref name="imageSize"/> pixels.</summary>
    /// <param name="imageSize">The side the model expects, one of <see cref="Models.ImageShape.SupportedImageSizes"/>.</param>
    /// <param name="cancellationToken">Cancels a long load.</param>
    /// <returns>The images as one CPU tensor, owned by the caller.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The source cannot produce <paramref name="imageSize"/>.</exception>
    ImageData Load(int imageSize, CancellationToken cancellationToken = default);
}
