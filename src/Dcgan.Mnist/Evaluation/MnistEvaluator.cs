using Dcgan.Data;
using Dcgan.Evaluation;
using Dcgan.Models;
using Dcgan.Inference;
using static TorchSharp.torch;

namespace Dcgan.Mnist.Evaluation;

/// <summary>
/// Puts numbers on generated digits with the shipped <see cref="MnistClassifier"/>: mean confidence,
/// class coverage and collapse, the classifier score (Inception Score analogue) and the Fréchet distance
/// to the 10,000 MNIST test images in the classifier's penultimate feature space. Defaults are fixed so
/// numbers compare across runs, machines and libraries: 10,000 samples, seed 0, float64 statistics.
/// </summary>
public sealed class MnistEvaluator : IDisposable
{
    /// <summary>Samples drawn from a generator by default.</summary>
    public const int DefaultCount = 10_000;

    /// <summary>A digit predicted for less than this share of images marks the set as collapsed.</summary>
    public const double MinimumClassShare = 0.01;

    /// <summary>A class distribution further than this (nats) from uniform marks the set as collapsed.</summary>
    public const double MaximumClassDivergence = 0.5;

    private const int Chunk = 1000;
    private readonly MnistClassifier classifier;
    private readonly MnistDataset mnist;
    private readonly Lazy<FeatureStatistics> reference;
    private readonly Lazy<FeatureStatistics[]> classReferences;

    /// <summary>Creates an evaluator with the shipped classifier and the test images of <paramref name="mnist"/> as reference.</summary>
    /// <param name="mnist">The data set; its test split is the reference.</param>
    /// <returns>The evaluator; dispose it when done.</returns>
    public static MnistEvaluator Create(MnistDataset mnist)
    {
        ArgumentNullException.ThrowIfNull(mnist);
        return new(MnistClassifierFile.LoadShipped(mnist.Spec), mnist);
    }

    /// <summary>Creates an evaluator with a given classifier (which it then owns).</summary>
    /// <param name="classifier">A trained classifier.</param>
    /// <param name="mnist">The data set; its test split is the reference.</param>
    public MnistEvaluator(MnistClassifier classifier, MnistDataset mnist)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(mnist);
        this.classifier = classifier;
        this.mnist = mnist;
        classifier.eval();
        reference = new(() =>
        {
            using ImageData test = mnist.Test.ToImageData();
            using Tensor features = Features(test.Images);
            // Cached for the evaluator's lifetime, whatever dispose scope first asked for them.
            return FeatureStatistics.Of(features).DetachFromDisposeScope();
        });
        classReferences = new(() =>
        {
            using ImageData test = mnist.Test.ToImageData();
            return Enumerable.Range(0, 10).Select(digit =>
            {
                using var scope = NewDisposeScope();
                return FeatureStatistics.Of(Features(OfDigit(test, digit))).DetachFromDisposeScope();
            }).ToArray();
        });
    }

    /// <summary>
    /// Evaluates a class-conditional MNIST generator: for each digit, <paramref name="perClass"/> images asked for
    /// that digit (the same noise for every digit), scored for agreement (the classifier names the requested
    /// digit) and by the Fréchet distance to the test images of that digit; plus the usual numbers over all of them.
    /// </summary>
    /// <param name="generator">A class-conditional generator whose classes include the digits <c>"0"</c> to <c>"9"</c>.</param>
    /// <param name="perClass">Images per digit; default 1,000 (10,000 in all).</param>
    /// <param name="seed">Seed of the noise; default 0.</param>
    /// <returns>The numbers.</returns>
    /// <exception cref="ArgumentException">The generator is not conditional on the ten digits, or makes colour images.</exception>
    public MnistConditionalEvaluation EvaluateConditional(IImageGenerator generator, int perClass = DefaultCount / 10, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(perClass, 2);
        RequireGrayscale(generator);
        IReadOnlyList<string> names = generator.Description.ClassNames;
        if (!mnist.ClassNames.All(names.Contains))
        {
            throw new ArgumentException(
                $"Conditional evaluation needs a generator conditioned on the digits 0 to 9; this one's classes are [{string.Join(", ", names)}].", nameof(generator));
        }

        using var scope = NewDisposeScope();
        float[] noise = generator.SampleNoise(perClass, seed);
        var agreement = new double[10];
        var distances = new double[10];
        var all = new List<Tensor>();
        for (int digit = 0; digit < 10; digit++)
        {
            Tensor images = Generate(generator, noise, generator.Description.LabelOf(mnist.ClassNames[digit]));
            (agreement[digit], distances[digit]) = ScoreDigit(images, digit);
            all.Add(images);
        }
        MnistEvaluation overall = Evaluate(cat(all, 0));
        return new MnistConditionalEvaluation(perClass, agreement.Average(), agreement, distances, overall);
    }

    /// <summary>
    /// The per-digit floor for <see cref="EvaluateConditional"/>: the first <paramref name="perClass"/> training images
    /// of each digit against the test images of that digit.
    /// </summary>
    /// <param name="perClass">Training images per digit; default 1,000.</param>
    /// <returns>The classifier's agreement with the true labels and the per-digit distances.</returns>
    public MnistConditionalEvaluation EvaluateRealDataConditional(int perClass = DefaultCount / 10)
    {
        using var scope = NewDisposeScope();
        using ImageData train = mnist.Train.TakePerClass(perClass).ToImageData();
        var agreement = new double[10];
        var distances = new double[10];
        for (int digit = 0; digit < 10; digit++)
            (agreement[digit], distances[digit]) = ScoreDigit(OfDigit(train, digit), digit);
        return new MnistConditionalEvaluation(perClass, agreement.Average(), agreement, distances, Evaluate(train.Images));
    }

    /// <summary>
    /// Generates one image per noise vector through the inference contract (so every backend is scored alike), a chunk at
    /// a time, all showing <paramref name="label"/> (null: a conditional generator cycles through its classes).
    /// </summary>
    private static Tensor Generate(IImageGenerator generator, float[] noise, int? label)
    {
        GeneratorDescription description = generator.Description;
        int latent = description.LatentSize, count = noise.Length / latent;
        using var scope = NewDisposeScope();
        var parts = new List<Tensor>();
        for (int start = 0; start < count; start += Chunk)
        {
            int n = Math.Min(Chunk, count - start);
            float[] slice = noise.AsSpan(start * latent, n * latent).ToArray();
            ImageBatch batch = generator.Generate(slice, description.IsConditional ? description.LabelsFor(n, label) : null);
            parts.Add(tensor(batch.Pixels.ToArray(), [n, batch.Channels, batch.Height, batch.Width]));
        }
        return cat(parts, 0).MoveToOuterDisposeScope();
    }

    /// <summary>How often the classifier names <paramref name="digit"/> for these images, and their distance to the test images of that digit.</summary>
    private (double Agreement, double Distance) ScoreDigit(Tensor images, int digit)
    {
        using var scope = NewDisposeScope();
        Tensor digits = To28(images);
        double agreement = Predict(classifier, digits).argmax(1).eq(digit).to_type(ScalarType.Float64).mean().item<double>();
        using FeatureStatistics statistics = FeatureStatistics.Of(Features(digits));
        return (agreement, statistics.FrechetDistanceTo(classReferences.Value[digit]));
    }

    private static Tensor OfDigit(ImageData data, int digit) => data.Images.index_select(0, data.Labels!.eq(digit).nonzero().view(-1));

    private static void RequireGrayscale(IImageGenerator generator)
    {
        if (generator.Description.Channels != 1)
            throw new ArgumentException($"The MNIST evaluator needs a grayscale generator; this one makes {generator.Description.Channels} channels.", nameof(generator));
    }

    /// <summary>Evaluates <paramref name="count"/> images drawn from <paramref name="generator"/> with <paramref name="seed"/>.</summary>
    /// <param name="generator">A 1-channel generator of any supported size.</param>
    /// <param name="count">Images to draw; default 10,000.</param>
    /// <param name="seed">Seed of the noise; default 0.</param>
    /// <returns>The numbers.</returns>
    /// <exception cref="ArgumentException">The generator makes colour images.</exception>
    public MnistEvaluation Evaluate(IImageGenerator generator, int count = DefaultCount, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        RequireGrayscale(generator);
        using var scope = NewDisposeScope();
        return Evaluate(Generate(generator, generator.SampleNoise(count, seed), label: null));
    }

    /// <summary>Evaluates images <c>[N, 1, S, S]</c> in [-1, 1], S one of <see cref="ImageShape.SupportedImageSizes"/>.</summary>
    /// <param name="images">At least two images.</param>
    /// <returns>The numbers.</returns>
    /// <exception cref="ArgumentException">The tensor is not a batch of grayscale images of a supported size.</exception>
    public MnistEvaluation Evaluate(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[1] != 1 || images.shape[0] < 2 || images.shape[2] != images.shape[3] || !ImageShape.SupportedImageSizes.Contains((int)images.shape[2]))
            throw new ArgumentException($"Expected at least two grayscale images [N, 1, S, S] with S one of {string.Join(", ", ImageShape.SupportedImageSizes)}, but got shape [{string.Join(", ", images.shape)}].", nameof(images));

        using var scope = NewDisposeScope();
        Tensor digits = To28(images);
        Tensor probabilities = Predict(classifier, digits).to_type(ScalarType.Float64);
        double confidence = ClassPredictionScores.MeanConfidence(probabilities);
        double[] share = ClassPredictionScores.ClassShares(probabilities);
        double divergence = ClassPredictionScores.DivergenceFromUniform(share);
        double score = ClassPredictionScores.ClassifierScore(probabilities);

        using FeatureStatistics statistics = FeatureStatistics.Of(Features(digits));
        double distance = statistics.FrechetDistanceTo(reference.Value);
        bool collapsed = share.Any(p => p < MinimumClassShare) || divergence > MaximumClassDivergence;
        return new MnistEvaluation((int)images.shape[0], confidence, share, divergence, collapsed, score, distance);
    }

    /// <summary>The Fréchet distance between two image sets in the classifier's feature space.</summary>
    /// <param name="first">Grayscale images <c>[N, 1, S, S]</c> in [-1, 1].</param>
    /// <param name="second">Grayscale images <c>[M, 1, S, S]</c> in [-1, 1].</param>
    /// <returns>The distance; 0 for identical sets.</returns>
    public double FrechetDistance(Tensor first, Tensor second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        using var scope = NewDisposeScope();
        using FeatureStatistics statistics1 = FeatureStatistics.Of(Features(first));
        using FeatureStatistics statistics2 = FeatureStatistics.Of(Features(second));
        return statistics1.FrechetDistanceTo(statistics2);
    }

    /// <summary>The real-data floor: 10,000 training images scored as if generated. No generator should beat it by much.</summary>
    /// <returns>The numbers for the first 10,000 training images.</returns>
    public MnistEvaluation EvaluateRealData()
    {
        using ImageData train = mnist.Train.Take(DefaultCount).ToImageData();
        return Evaluate(train.Images);
    }

    /// <summary>The shipped classifier's accuracy on the 10,000 test images.</summary>
    /// <returns>Accuracy from 0 to 1.</returns>
    public double TestAccuracy() => MnistClassifierTraining.Accuracy(classifier, mnist.Test);

    /// <summary>Disposes the classifier and the cached reference statistics.</summary>
    public void Dispose()
    {
        if (reference.IsValueCreated)
            reference.Value.Dispose();
        if (classReferences.IsValueCreated)
        {
            foreach (FeatureStatistics statistics in classReferences.Value)
                statistics.Dispose();
        }
        classifier.Dispose();
    }

    internal static Tensor Predict(MnistClassifier classifier, Tensor images) => Batched(images, x => nn.functional.softmax(classifier.call(x), 1), classifier);

    private Tensor Features(Tensor images) => Batched(To28(images), classifier.Features, classifier).to_type(ScalarType.Float64);

    /// <summary>Back to the classifier's 28 pixels by the rule the data source used to fit them (<see cref="ImageFitting"/>).</summary>
    private static Tensor To28(Tensor images) => ImageFitting.FitBack(images, PixelTransforms.MnistSide);

    private static Tensor Batched(Tensor images, Func<Tensor, Tensor> apply, MnistClassifier classifier)
    {
        bool wasTraining = classifier.training;
        classifier.eval();
        try
        {
            using IDisposable noGrad = no_grad();
            var parts = new List<Tensor>();
            for (long start = 0; start < images.shape[0]; start += Chunk)
            {
                using Tensor slice = images.narrow(0, start, Math.Min(Chunk, images.shape[0] - start));
                parts.Add(apply(slice));
            }
            Tensor result = cat(parts, 0);
            foreach (Tensor part in parts)
                part.Dispose();
            return result;
        }
        finally
        {
            classifier.train(wasTraining);
        }
    }
}
