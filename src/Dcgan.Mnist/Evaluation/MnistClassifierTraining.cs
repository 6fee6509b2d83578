using static TorchSharp.torch;

namespace Dcgan.Mnist.Evaluation;

/// <summary>
/// Trains the evaluator's <see cref="MnistClassifier"/> from scratch: the documented, seeded recipe that
/// produced the shipped weights. Users never need it to get comparable numbers; it exists so anyone can
/// reproduce the classifier.
/// </summary>
public static class MnistClassifierTraining
{
    /// <summary>Trains on the 60,000 training images with Adam (1e-3), batch 128, dropout 0.3.</summary>
    /// <param name="mnist">The data set.</param>
    /// <param name="epochs">Passes over the data; default 4.</param>
    /// <param name="seed">Seeds initialisation, shuffling and dropout; default 1.</param>
    /// <param name="progress">Receives (epoch, test accuracy) after each epoch.</param>
    /// <param name="cancellationToken">Checked every batch.</param>
    /// <returns>The trained classifier in evaluation mode, owned by the caller.</returns>
    /// <remarks>Sets libtorch's global seed (initialisation and dropout draw from it). Results are identical
    /// for the same seed and thread count on CPU.</remarks>
    public static MnistClassifier Train(MnistDataset mnist, int epochs = 4, long seed = 1, IProgress<(int Epoch, double TestAccuracy)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mnist);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        const int batchSize = 128;

        manual_seed(seed);
        var classifier = new MnistClassifier();
        using var optimizer = optim.Adam(classifier.parameters(), 1e-3);
        using var random = new Generator((ulong)seed);
        using Data.ImageData train = mnist.Train.ToImageData();
        int batches = train.Count / batchSize;
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            classifier.train();
            using Tensor order = randperm(train.Count, generator: random);
            for (int b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                Tensor index = order.narrow(0, (long)b * batchSize, batchSize);
                optimizer.zero_grad();
                Tensor loss = nn.functional.cross_entropy(classifier.call(train.Images.index_select(0, index)), train.Labels!.index_select(0, index));
                loss.backward();
                optimizer.step();
            }
            progress?.Report((epoch, Accuracy(classifier, mnist.Test)));
        }
        classifier.eval();
        return classifier;
    }

    /// <summary>The share of <paramref name="images"/> the classifier labels correctly.</summary>
    /// <param name="classifier">The classifier; evaluated in eval mode, its mode restored.</param>
    /// <param name="images">Labelled images.</param>
    /// <returns>Accuracy from 0 to 1.</returns>
    public static double Accuracy(MnistClassifier classifier, MnistImageSet images)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(images);
        using Data.ImageData data = images.ToImageData();
        using Tensor predicted = MnistEvaluator.Predict(classifier, data.Images);
        using Tensor correct = predicted.argmax(1).eq(data.Labels!).sum();
        return correct.item<long>() / (double)data.Count;
    }
}
