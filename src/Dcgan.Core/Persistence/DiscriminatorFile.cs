using Dcgan.Models;

namespace Dcgan.Persistence;

/// <summary>The discriminator file (<c>discriminator.dcgan</c>): the same format as <see cref="GeneratorFile"/>, of kind <c>discriminator</c>.</summary>
public static class DiscriminatorFile
{
    /// <summary>Writes <paramref name="discriminator"/> to <paramref name="path"/>, replacing it atomically.</summary>
    /// <param name="discriminator">The network to save.</param>
    /// <param name="path">The file to write; its directory is created if missing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="discriminator"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public static void Save(Discriminator discriminator, string path)
    {
        ArgumentNullException.ThrowIfNull(discriminator);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ModelFile.Save(path, discriminator);
    }

    /// <summary>Loads a discriminator written by <see cref="Save"/>.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>A discriminator in evaluation mode on the CPU, owned by the caller.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a Dcgan discriminator file, is truncated, or is of a newer format.</exception>
    public static Discriminator Load(string path)
    {
        using FileStream stream = ModelFile.OpenRead(path);
        return ModelFile.Load(stream, path, ModelKind.Discriminator, (manifest, device) => new Discriminator(manifest.Shape, manifest.Discriminator!, seed: 0, device));
    }
}
