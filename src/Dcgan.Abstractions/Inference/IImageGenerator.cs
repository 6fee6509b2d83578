namespace Dcgan.Inference;

/// <summary>
/// The inference contract: a trained generator that turns noise (and, for a class-conditional one, labels) into a
/// batch of images. It names no tensor library, so every backend (TorchSharp in Dcgan.Core, others later) serves the
/// same embedding API (<see cref="Imaging.GeneratorImageExtensions"/>).
/// </summary>
/// <remarks>
/// Implementations are safe to call from several threads at once, and each result depends only on its noise and
/// labels. The instance owns whatever it loaded; dispose it when done.
/// </remarks>
public interface IImageGenerator : IDisposable
{
    /// <summary>What the generator is: latent size, image size, channels, class names, pixel range.</summary>
    GeneratorDescription Description { get; }

    /// <summary>Generates one image per noise vector.</summary>
    /// <param name="noise">Noise vectors of <see cref="GeneratorDescription.LatentSize"/> values each, one after the other.</param>
    /// <param name="labels">
    /// For a class-conditional generator, one class index per vector (see <see cref="GeneratorDescription.LabelsFor"/>);
    /// null for an unconditional one.
    /// </param>
    /// <returns>The images, in the generator's pixel range.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="noise"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The noise is empty or not a whole number of vectors; labels were given to an unconditional generator, are
    /// missing for a conditional one, differ in count from the vectors, or name no class.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
    ImageBatch Generate(float[] noise, int[]? labels = null);
}
