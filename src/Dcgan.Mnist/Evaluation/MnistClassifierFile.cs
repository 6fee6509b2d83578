using System.Security.Cryptography;
using Dcgan.Persistence;

namespace Dcgan.Mnist.Evaluation;

/// <summary>Saves classifiers and loads the one shipped in this assembly.</summary>
public static class MnistClassifierFile
{
    /// <summary>The embedded resource holding the shipped weights (TorchSharp state-dict format).</summary>
    internal const string ResourceName = "Dcgan.Mnist.Evaluation.mnist-classifier.bin";

    /// <summary>Loads the classifier shipped with Dcgan.Mnist.</summary>
    /// <returns>The classifier in evaluation mode, owned by the caller.</returns>
    /// <exception cref="InvalidOperationException">The resource is missing from the assembly.</exception>
    public static MnistClassifier LoadShipped()
    {
        using Stream stream = OpenShipped();
        var classifier = new MnistClassifier();
        classifier.load(stream);
        classifier.eval();
        return classifier;
    }

    /// <summary>The SHA-256 of the shipped weights, lower-case hex, as recorded in <c>docs/evaluation.md</c>.</summary>
    /// <returns>The hash.</returns>
    internal static string ShippedSha256()
    {
        using Stream stream = OpenShipped();
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Writes a classifier's weights to <paramref name="path"/>.</summary>
    /// <param name="classifier">The classifier.</param>
    /// <param name="path">The file, replaced atomically; its directory is created if missing.</param>
    public static void Save(MnistClassifier classifier, string path)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            classifier.save(writer);
        });
    }

    private static Stream OpenShipped() =>
        typeof(MnistClassifierFile).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The shipped classifier '{ResourceName}' is missing from {typeof(MnistClassifierFile).Assembly.GetName().Name}.");
}
