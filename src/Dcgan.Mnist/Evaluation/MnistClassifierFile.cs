using System.Security.Cryptography;
using Dcgan.Mnist.Datasets;
using Dcgan.Persistence;

namespace Dcgan.Mnist.Evaluation;

/// <summary>Saves classifiers and loads the one shipped in this assembly.</summary>
public static class MnistClassifierFile
{
    /// <summary>The embedded resource holding a data set's shipped weights (TorchSharp state-dict format), named by its key.</summary>
    internal static string ResourceName(IdxDatasetSpec dataset) => $"Dcgan.Mnist.Evaluation.{dataset.Key}-classifier.bin";

    /// <summary>Whether Dcgan.Mnist ships a classifier for <paramref name="dataset"/> (MNIST and Fashion-MNIST).</summary>
    /// <param name="dataset">The data set.</param>
    /// <returns>True when <see cref="LoadShipped"/> can load one.</returns>
    public static bool HasShipped(IdxDatasetSpec dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return typeof(MnistClassifierFile).Assembly.GetManifestResourceInfo(ResourceName(dataset)) is not null;
    }

    /// <summary>Loads the classifier shipped with Dcgan.Mnist for <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The data set; null for MNIST.</param>
    /// <returns>The classifier in evaluation mode, owned by the caller.</returns>
    /// <exception cref="ArgumentException">No classifier ships for that data set (see <see cref="HasShipped"/>).</exception>
    public static MnistClassifier LoadShipped(IdxDatasetSpec? dataset = null)
    {
        using Stream stream = OpenShipped(dataset ?? IdxDatasetSpec.Mnist);
        var classifier = new MnistClassifier();
        classifier.load(stream);
        classifier.eval();
        return classifier;
    }

    /// <summary>The SHA-256 of the shipped weights, lower-case hex, as recorded in <c>docs/evaluation.md</c>.</summary>
    /// <returns>The hash.</returns>
    internal static string ShippedSha256(IdxDatasetSpec dataset)
    {
        using Stream stream = OpenShipped(dataset);
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

    private static Stream OpenShipped(IdxDatasetSpec dataset) =>
        typeof(MnistClassifierFile).Assembly.GetManifestResourceStream(ResourceName(dataset))
        ?? throw new ArgumentException(
            $"Dcgan.Mnist ships no classifier for {dataset.Name} (resource '{ResourceName(dataset)}'); it ships them for {string.Join(", ", IdxDatasetSpec.BuiltIn.Where(HasShipped).Select(s => s.Name))}. " +
            "Train one with MnistClassifierTraining.Train and pass it to new MnistEvaluator(classifier, dataset).", nameof(dataset));
}
