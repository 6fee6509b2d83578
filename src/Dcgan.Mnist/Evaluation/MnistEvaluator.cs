using Dcgan.Data;
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
    private readonly Lazy<(Tensor Mean, Tensor Covariance)> reference;
    private readonly Lazy<(Tensor Mean, Tensor Covariance)[]> classReferences;

    /// <summary>Creates an evaluator with the shipped classifier and the test images of <paramref name="mnist"/> as reference.</summary>
    /// <param name="mnist">The data set; its test split is the reference.</param>
    /// <returns>The evaluator; dispose it when done.</returns>
    public static MnistEvaluator Create(MnistDataset mnist) => new(MnistClassifierFile.LoadShipped(), mnist);

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
            (Tensor mean, Tensor covariance) = Statistics(features);
            return (mean.DetachFromDisposeScope(), covariance.DetachFromDisposeScope());
        });
        classReferences = new(() =>
        {
            using ImageData test = mnist.Test.ToImageData();
            return Enumerable.Range(0, 10).Select(digit =>
            {
                using var scope = NewDisposeScope();
                (Tensor mean, Tensor covariance) = Statistics(Features(OfDigit(test, digit)));
                return (mean.DetachFromDisposeScope(), covariance.DetachFromDisposeScope());
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
        if (!MnistDataset.DigitNames.All(names.Contains))
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
            Tensor images = Generate(generator, noise, generator.Description.LabelOf(MnistDataset.DigitNames[digit]));
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
        (Tensor mean, Tensor covariance) = Statistics(Features(digits));
        (Tensor Mean, Tensor Covariance) reference = classReferences.Value[digit];
        return (agreement, FrechetDistance(mean, covariance, reference.Mean, reference.Covariance));
    }

    private static Tensor OfDigit(ImageData data, int digit) => data.Images.index_select(0, data.Labels!.eq(digit).nonzero().view(-1));

    private static void RequireGrayscale(IImageGenerator generator)
    {
        if (generator.Description.Channels != 1)
            throw new ArgumentException($"The MNIST evaluator needs a grayscale generator; this one makes {generator.Description.Channels} channels.", nameof(generator));
    }

    /// <summary>Evaluates <paramref name="count"/> images drawn from <paramref name="generator"/> with <paramref name="seed"/>.</summary>
    /// <param name="generator">A 1-channel generator of 28, 32 or 64 px.</param>
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

    /// <summary>Evaluates images <c>[N, 1, S, S]</c> in [-1, 1] (S = 28, 32 or 64).</summary>
    /// <param name="images">At least two images.</param>
    /// <returns>The numbers.</returns>
    /// <exception cref="ArgumentException">The tensor is not a batch of grayscale 28, 32 or 64 px images.</exception>
    public MnistEvaluation Evaluate(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[1] != 1 || images.shape[0] < 2 || images.shape[2] != images.shape[3] || images.shape[2] is not (28 or 32 or 64))
            throw new ArgumentException($"Expected at least two grayscale images [N, 1, S, S] with S = 28, 32 or 64, but got shape [{string.Join(", ", images.shape)}].", nameof(images));

        using var scope = NewDisposeScope();
        Tensor digits = To28(images);
        Tensor probabilities = Predict(classifier, digits).to_type(ScalarType.Float64);
        double confidence = probabilities.max(1).values.mean().item<double>();
        Tensor fractions = nn.functional.one_hot(probabilities.argmax(1), 10).to_type(ScalarType.Float64).mean([0]);
        double[] share = fractions.data<double>().ToArray();
        double divergence = share.Where(p => p > 0).Sum(p => p * Math.Log(p * 10));

        // Inception Score analogue: exp(mean over images of KL(p(y|x) || p(y))).
        Tensor marginal = probabilities.mean([0], keepdim: true);
        Tensor kl = (probabilities * (probabilities.clamp_min(1e-12).log() - marginal.clamp_min(1e-12).log())).sum(1);
        double score = Math.Exp(kl.mean().item<double>());

        (Tensor mean, Tensor covariance) = Statistics(Features(digits));
        double distance = FrechetDistance(mean, covariance, reference.Value.Mean, reference.Value.Covariance);
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
        (Tensor mean1, Tensor covariance1) = Statistics(Features(first));
        (Tensor mean2, Tensor covariance2) = Statistics(Features(second));
        return FrechetDistance(mean1, covariance1, mean2, covariance2);
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
        {
            reference.Value.Mean.Dispose();
            reference.Value.Covariance.Dispose();
        }
        if (classReferences.IsValueCreated)
        {
            foreach ((Tensor mean, Tensor covariance) in classReferences.Value)
            {
                mean.Dispose();
                covariance.Dispose();
            }
        }
        classifier.Dispose();
    }

    internal static Tensor Predict(MnistClassifier classifier, Tensor images) => Batched(images, x => nn.functional.softmax(classifier.call(x), 1), classifier);

    private Tensor Features(Tensor images) => Batched(To28(images), classifier.Features, classifier).to_type(ScalarType.Float64);

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

    private static Tensor To28(Tensor images) => images.shape[2] switch
    {
        28 => images.alias(),
        32 => images[.., .., 2..30, 2..30].contiguous(),   // undo the 2-pixel padding of PixelTransforms
        _ => nn.functional.interpolate(images, [28, 28], mode: InterpolationMode.Bilinear, align_corners: false, antialias: true),
    };

    private static (Tensor Mean, Tensor Covariance) Statistics(Tensor features)
    {
        using var scope = NewDisposeScope();
        Tensor mean = features.mean([0]);
        Tensor centred = features - mean;
        Tensor covariance = centred.t().matmul(centred) / (features.shape[0] - 1);
        return (mean.MoveToOuterDisposeScope(), covariance.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// ||m1 - m2||^2 + tr(S1) + tr(S2) - 2 tr((S1 S2)^(1/2)), with the trace of the square root taken as
    /// the sum of square roots of the eigenvalues of S1^(1/2) S2 S1^(1/2), which is symmetric and
    /// positive semi-definite, so a symmetric eigensolver in float64 suffices.
    /// </summary>
    internal static double FrechetDistance(Tensor mean1, Tensor covariance1, Tensor mean2, Tensor covariance2)
    {
        using var scope = NewDisposeScope();
        Tensor difference = mean1 - mean2;
        (Tensor values, Tensor vectors) = linalg.eigh(covariance1);
        Tensor root1 = vectors.matmul(diag(values.clamp_min(0).sqrt())).matmul(vectors.t());
        Tensor product = root1.matmul(covariance2).matmul(root1);
        product = (product + product.t()) / 2;
        double traceRoot = linalg.eigvalsh(product).clamp_min(0).sqrt().sum().item<double>();
        double result = difference.dot(difference).item<double>() + covariance1.trace().item<double>() + covariance2.trace().item<double>() - 2 * traceRoot;
        return Math.Max(0, result);
    }
}
