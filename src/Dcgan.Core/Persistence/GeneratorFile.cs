using Dcgan.Models;

namespace Dcgan.Persistence;

/// <summary>
/// The generator file (<c>*.dcgan</c>): safetensors with a Dcgan manifest in its metadata, format version 3, which records
/// the shape and the generator part only (<c>docs/embedding.md</c> lists the keys and the compatibility policy). Writes replace the file atomically; reads
/// accept every earlier version.
/// </summary>
public static class GeneratorFile
{
    /// <summary>Writes <paramref name="generator"/> to <paramref name="path"/>, replacing it atomically.</summary>
    /// <param name="generator">The network to save, with its training summary when it has one.</param>
    /// <param name="path">The file to write; its directory is created if missing.</param>
    /// <exception cref="ArgumentNullException"><paramref name="generator"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public static void Save(Generator generator, string path)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ModelFile.Save(path, generator);
    }

    /// <summary>Writes <paramref name="generator"/> to <paramref name="stream"/>.</summary>
    /// <param name="generator">The network to save.</param>
    /// <param name="stream">A writable stream; left open.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Save(Generator generator, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(stream);
        ModelFile.Save(stream, generator);
    }

    /// <summary>Loads a generator file; it describes its own architecture, so no other configuration is needed.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>A generator in evaluation mode on the CPU, owned by the caller.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a Dcgan generator file, is truncated, does not match its declared architecture (the message names the tensor and both shapes), or is of a newer format.</exception>
    public static Generator Load(string path)
    {
        using FileStream stream = ModelFile.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Loads a generator from a stream written by <see cref="Save(Generator, Stream)"/>.</summary>
    /// <param name="stream">A readable stream positioned at the start of the model; left open.</param>
    /// <returns>A generator in evaluation mode on the CPU, owned by the caller.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The data is not a Dcgan generator, is truncated, or is of a newer format.</exception>
    public static Generator Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Load(stream, "(stream)");
    }

    internal static Generator Load(Stream stream, string source) =>
        ModelFile.Load(stream, source, ModelKind.Generator, (manifest, device) => new Generator(manifest.Shape, manifest.Generator!, seed: 0, device) { Training = manifest.Training });
}
