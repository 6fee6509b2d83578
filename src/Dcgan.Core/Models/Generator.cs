using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dcgan.Models;

/// <summary>
/// The DCGAN generator: noise of <see cref="ImageShape.LatentSize"/> values in, an image in
/// [-1, 1] out. Transposed convolutions with batch norm and ReLU, <c>tanh</c> on the output, no pooling
/// and no fully connected layers (Radford et al., 2015).
/// </summary>
/// <remarks>
/// <para>State-dict names follow the PyTorch DCGAN example: a <c>main</c> sequence numbered from 0,
/// giving keys such as <c>main.0.weight</c> (first transposed convolution), <c>main.1.weight</c>,
/// <c>main.1.bias</c>, <c>main.1.running_mean</c> (its batch norm), and so on. The layout is listed in
/// <c>docs/architecture.md</c>.</para>
/// <para>This is the network only: layers and <c>forward</c>. Files are written and read by
/// <see cref="Persistence.GeneratorFile"/>; images for apps come from <see cref="Inference.TorchImageGenerator"/>, the
/// TorchSharp implementation of the inference contract, which handles evaluation mode, gradients and threads. The
/// generator owns its parameters; dispose it when done. It is not thread-safe.</para>
/// </remarks>
public sealed class Generator : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly Sequential main;

    /// <summary>Creates the generator of <paramref name="architecture"/> with DCGAN initial weights drawn from <paramref name="seed"/>.</summary>
    /// <param name="architecture">The pair's architecture; its shape and generator part are used.</param>
    /// <param name="seed">Seed of the N(0, 0.02) initialisation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="architecture"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="architecture"/> is invalid.</exception>
    public Generator(DcganArchitecture architecture, long seed)
        : this((architecture ?? throw new ArgumentNullException(nameof(architecture))).Shape, architecture.Generator, seed)
    {
    }

    /// <summary>Creates the generator of <paramref name="architecture"/> with DCGAN initial weights drawn from seed 0.</summary>
    /// <param name="architecture">The pair's architecture; its shape and generator part are used.</param>
    /// <exception cref="ArgumentNullException"><paramref name="architecture"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="architecture"/> is invalid.</exception>
    public Generator(DcganArchitecture architecture)
        : this(architecture, seed: 0)
    {
    }

    /// <summary>Creates a generator with DCGAN initial weights drawn from <paramref name="seed"/>.</summary>
    /// <param name="shape">The noise length, image size, channels and classes.</param>
    /// <param name="architecture">The generator's own part.</param>
    /// <param name="seed">Seed of the N(0, 0.02) initialisation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> or <paramref name="architecture"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape or the part is invalid.</exception>
    public Generator(ImageShape shape, GeneratorArchitecture architecture, long seed)
        : this(shape, architecture, seed, device: null)
    {
    }

    /// <summary>Creates the generator's layers on <paramref name="device"/>; on the meta device no weights are allocated or drawn.</summary>
    internal Generator(ImageShape shape, GeneratorArchitecture architecture, long seed, Device? device)
        : base(nameof(Generator))
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(architecture);
        DcganArchitecture.ThrowIfInvalid([.. shape.Validate(), .. architecture.Validate()]);
        Shape = shape;
        Architecture = architecture;

        var layers = new List<nn.Module<Tensor, Tensor>>();
        var convolutions = new List<ConvolutionCase>();
        int doublings = shape.Doublings;
        int width = architecture.FeatureMaps << (doublings - 1);
        int size = shape.BaseSize;

        // Project the noise (a 1x1 map, with the one-hot label appended when conditional) to BaseSize x BaseSize
        // with a full-size kernel. On a one-hot input this layer's weights are a learned embedding of each class.
        layers.Add(nn.ConvTranspose2d(shape.LatentSize + shape.ClassCount, width, shape.BaseSize, stride: 1, padding: 0L, bias: false, device: device));
        layers.Add(nn.BatchNorm2d(width, device: device));
        layers.Add(nn.ReLU(inplace: true));

        for (int i = 1; i < doublings; i++)
        {
            convolutions.Add(new ConvolutionCase(width, width / 2, 4, 2, 1, size, Transposed: true));
            layers.Add(convolutions[^1].CreateLayer(device));
            layers.Add(nn.BatchNorm2d(width / 2, device: device));
            layers.Add(nn.ReLU(inplace: true));
            width /= 2;
            size *= 2;
        }

        convolutions.Add(new ConvolutionCase(width, shape.Channels, 4, 2, 1, size, Transposed: true));
        layers.Add(convolutions[^1].CreateLayer(device));
        layers.Add(nn.Tanh());

        main = nn.Sequential(layers.Select((layer, index) => (index.ToString(System.Globalization.CultureInfo.InvariantCulture), layer)).ToArray());
        RegisterComponents();
        // Kept after RegisterComponents, so that they are not registered a second time under their own names.
        projection = (ConvTranspose2d)layers[0];
        rest = layers.Skip(1).ToArray();
        WeightInitialization.Apply(this, seed, device);
        ConvolutionBackend.EnsureCorrect(convolutions, device);
    }

    /// <summary>The first layer, computed as the matrix product it is (<see cref="FullMapConvolution"/>).</summary>
    private readonly ConvTranspose2d projection;

    /// <summary>The layers after it, in order.</summary>
    private readonly nn.Module<Tensor, Tensor>[] rest;

    /// <summary>What <c>main</c> computes, with the full-map first layer as a matrix product.</summary>
    private Tensor Run(Tensor map)
    {
        using var scope = NewDisposeScope();
        Tensor x = FullMapConvolution.Project(projection, map);
        foreach (nn.Module<Tensor, Tensor> layer in rest)
            x = layer.call(x);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>The noise length, image size, channels and classes this generator was built with.</summary>
    public ImageShape Shape { get; }

    /// <summary>The generator part this generator was built with.</summary>
    public GeneratorArchitecture Architecture { get; }

    /// <summary>How this generator was trained: set after training and when loaded from a file that records it; otherwise null.</summary>
    public TrainingSummary? Training { get; internal set; }

    /// <summary>
    /// Maps noise (and, for a class-conditional generator, class labels) to images in [-1, 1]. Call it through
    /// <c>call(noise, labels)</c>, so that module hooks run on the conditional path too.
    /// </summary>
    /// <param name="noise">Latent vectors <c>[N, LatentSize]</c> or <c>[N, LatentSize, 1, 1]</c>.</param>
    /// <param name="labels">
    /// Class indices <c>[N]</c> (int64), each in [0, <see cref="ImageShape.ClassCount"/>), for a class-conditional
    /// generator; null for an unconditional one.
    /// </param>
    /// <returns>The generated images <c>[N, C, H, W]</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="noise"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Labels are missing for a class-conditional generator, or given to an unconditional one.</exception>
    public override Tensor forward(Tensor noise, Tensor? labels)
    {
        ArgumentNullException.ThrowIfNull(noise);
        if (!Shape.IsConditional)
        {
            if (labels is not null)
                throw new InvalidOperationException("This generator is not class-conditional: call it with null labels.");
            return Run(AsMap(noise));
        }
        if (labels is null)
            throw new InvalidOperationException($"This generator is class-conditional ({Shape.ClassCount} classes): call it with noise and labels.");
        using var scope = NewDisposeScope();
        return Run(LabelChannels.Append(AsMap(noise), labels, Shape.ClassCount)).MoveToOuterDisposeScope();
    }

    private static Tensor AsMap(Tensor noise) => noise.dim() == 2 ? noise.view(noise.shape[0], noise.shape[1], 1, 1) : noise;

    /// <summary>Whether <see cref="Dispose(bool)"/> has run.</summary>
    public bool IsDisposed { get; private set; }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (IsDisposed)
            return;
        if (disposing)
            main.Dispose();
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
