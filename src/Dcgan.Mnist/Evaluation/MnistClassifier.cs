using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dcgan.Mnist.Evaluation;

/// <summary>
/// The LeNet-style digit classifier behind <see cref="MnistEvaluator"/>: two 5x5 convolutions with ReLU and
/// 2x2 max pooling, a 128-unit hidden layer (the <em>penultimate features</em> used for the Fréchet
/// distance), then 10 logits. Takes 28x28 images in [-1, 1], the generator's pixel range.
/// </summary>
/// <remarks>
/// Dcgan.Mnist ships trained weights as an embedded resource (see <c>docs/evaluation.md</c> for the command
/// that produced them and their SHA-256), so every user scores generators with the same classifier.
/// </remarks>
public sealed class MnistClassifier : nn.Module<Tensor, Tensor>
{
    /// <summary>Width of the penultimate layer, the feature space of the Fréchet distance.</summary>
    public const int FeatureSize = 128;

    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear fc1;
    private readonly Linear fc2;
    private readonly Dropout dropout;

    /// <summary>Creates a classifier with libtorch's default initialisation, seeded by the global generator.</summary>
    public MnistClassifier()
        : base(nameof(MnistClassifier))
    {
        conv1 = nn.Conv2d(1, 32, 5, padding: 2L);
        conv2 = nn.Conv2d(32, 48, 5, padding: 2L);
        fc1 = nn.Linear(48 * 7 * 7, FeatureSize);
        fc2 = nn.Linear(FeatureSize, 10);
        dropout = nn.Dropout(0.3);
        RegisterComponents();
        // Scores must not depend on a processor's faulty convolution kernels (docs/performance.md).
        Dcgan.Models.ConvolutionBackend.EnsureCorrect([new(1, 32, 5, 1, 2, 28, Transposed: false), new(32, 48, 5, 1, 2, 14, Transposed: false)]);
    }

    /// <summary>Logits <c>[N, 10]</c> for images <c>[N, 1, 28, 28]</c> in [-1, 1].</summary>
    /// <param name="images">The images.</param>
    /// <returns>The logits.</returns>
    public override Tensor forward(Tensor images) => fc2.call(dropout.call(Features(images)));

    /// <summary>The penultimate features <c>[N, 128]</c> (after ReLU) for images <c>[N, 1, 28, 28]</c>.</summary>
    /// <param name="images">The images.</param>
    /// <returns>The features.</returns>
    public Tensor Features(Tensor images)
    {
        using var scope = NewDisposeScope();
        Tensor x = nn.functional.max_pool2d(nn.functional.relu(conv1.call(images)), 2);
        x = nn.functional.max_pool2d(nn.functional.relu(conv2.call(x)), 2);
        return nn.functional.relu(fc1.call(x.flatten(1))).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv1.Dispose();
            conv2.Dispose();
            fc1.Dispose();
            fc2.Dispose();
            dropout.Dispose();
        }
        base.Dispose(disposing);
    }
}
