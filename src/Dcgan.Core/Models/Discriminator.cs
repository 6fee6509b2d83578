using Dcgan.Models.DiscriminatorPieces;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dcgan.Models;

/// <summary>
/// The DCGAN discriminator: an image in [-1, 1] in, one logit out (positive means "real"). Strided
/// convolutions with batch norm (not on the first layer) and LeakyReLU(0.2), no pooling and no fully
/// connected layers (Radford et al., 2015). The sigmoid lives in the loss (BCE on logits) for stability.
/// </summary>
/// <remarks>
/// State-dict names follow the PyTorch DCGAN example: <c>main.0.weight</c> (first convolution),
/// <c>main.2.weight</c>, <c>main.3.weight</c> (its batch norm), and so on; see <c>docs/architecture.md</c>.
/// </remarks>
public sealed class Discriminator : nn.Module<Tensor, Tensor>
{
    private readonly Sequential main;

    /// <summary>Creates the discriminator of <paramref name="architecture"/> with DCGAN initial weights drawn from <paramref name="seed"/>.</summary>
    /// <param name="architecture">The pair's architecture; its shape and discriminator part are used.</param>
    /// <param name="seed">Seed of the N(0, 0.02) initialisation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="architecture"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="architecture"/> is invalid.</exception>
    public Discriminator(DcganArchitecture architecture, long seed)
        : this((architecture ?? throw new ArgumentNullException(nameof(architecture))).Shape, architecture.Discriminator, seed)
    {
    }

    /// <summary>Creates the discriminator of <paramref name="architecture"/> with DCGAN initial weights drawn from seed 0.</summary>
    /// <param name="architecture">The pair's architecture; its shape and discriminator part are used.</param>
    /// <exception cref="ArgumentNullException"><paramref name="architecture"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="architecture"/> is invalid.</exception>
    public Discriminator(DcganArchitecture architecture)
        : this(architecture, seed: 0)
    {
    }

    /// <summary>Creates a discriminator with DCGAN initial weights drawn from <paramref name="seed"/>.</summary>
    /// <param name="shape">The image size, channels and classes it judges.</param>
    /// <param name="architecture">The discriminator's own part.</param>
    /// <param name="seed">Seed of the N(0, 0.02) initialisation; pieces with weights derive their own streams from it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> or <paramref name="architecture"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape or the part is invalid.</exception>
    public Discriminator(ImageShape shape, DiscriminatorArchitecture architecture, long seed)
        : this(shape, architecture, seed, device: null)
    {
    }

    /// <summary>Creates the discriminator's layers on <paramref name="device"/>; on the meta device no weights are allocated or drawn.</summary>
    internal Discriminator(ImageShape shape, DiscriminatorArchitecture architecture, long seed, Device? device)
        : base(nameof(Discriminator))
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(architecture);
        DcganArchitecture.ThrowIfInvalid([.. shape.Validate(), .. architecture.Validate()]);
        Shape = shape;
        Architecture = architecture;

        int width = architecture.FeatureMaps;
        long imageChannels = (shape.Channels + shape.ClassCount) * architecture.Packing;
        var convolutions = new List<ConvolutionCase> { new(imageChannels, width, 4, 2, 1, shape.ImageSize, Transposed: false) };
        int size = shape.ImageSize / 2;
        var layers = new List<nn.Module<Tensor, Tensor>>
        {
            // A conditional discriminator sees the one-hot label as ClassCount constant channels beside the image;
            // a packing one sees Packing such images stacked along the channels.
            convolutions[0].CreateLayer(device),
            nn.LeakyReLU(0.2, inplace: true),
        };

        for (int i = 1; i < shape.Doublings; i++)
        {
            convolutions.Add(new ConvolutionCase(width, width * 2, 4, 2, 1, size, Transposed: false));
            layers.Add(convolutions[^1].CreateLayer(device));
            size /= 2;
            if (architecture.BatchNorm)
                layers.Add(nn.BatchNorm2d(width * 2, device: device));
            layers.Add(nn.LeakyReLU(0.2, inplace: true));
            width *= 2;
        }

        foreach (DiscriminatorPiece piece in architecture.Pieces)
        {
            layers.Add(piece.CreateLayer(width, shape.BaseSize, seed, device));
            width += piece.AddedChannels;
        }

        // Collapse the BaseSize x BaseSize map to one logit with a full-size kernel.
        layers.Add(nn.Conv2d(width, 1, shape.BaseSize, stride: 1, padding: 0L, bias: false, device: device));

        main = nn.Sequential(layers.Select((layer, index) => (index.ToString(System.Globalization.CultureInfo.InvariantCulture), layer)).ToArray());
        RegisterComponents();
        // Kept after RegisterComponents, so that they are not registered a second time under their own names.
        features = layers.SkipLast(1).ToArray();
        collapse = (Conv2d)layers[^1];
        WeightInitialization.Apply(this, seed, device);
        ConvolutionBackend.EnsureCorrect(convolutions, device);
    }

    /// <summary>The layers before the last, in order.</summary>
    private readonly nn.Module<Tensor, Tensor>[] features;

    /// <summary>The last layer, computed as the matrix product it is (<see cref="FullMapConvolution"/>).</summary>
    private readonly Conv2d collapse;

    /// <summary>What <c>main</c> computes, with the full-map last layer as a matrix product.</summary>
    private Tensor Run(Tensor images)
    {
        Tensor x = images;
        foreach (nn.Module<Tensor, Tensor> layer in features)
            x = layer.call(x);
        return FullMapConvolution.Collapse(collapse, x);
    }

    /// <summary>The image size, channels and classes this discriminator was built for.</summary>
    public ImageShape Shape { get; }

    /// <summary>The discriminator part this discriminator was built with.</summary>
    public DiscriminatorArchitecture Architecture { get; }

    /// <summary>Whether <see cref="Dispose(bool)"/> has run.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>
    /// Scores images <c>[N, C, H, W]</c>; returns one logit per image, shape <c>[N]</c>, or with packing
    /// (<see cref="DiscriminatorArchitecture.Packing"/> P) one per pack of P consecutive images, shape <c>[N / P]</c>.
    /// </summary>
    /// <param name="images">Images in [-1, 1]; with packing, N must be a multiple of P.</param>
    /// <returns>The logits.</returns>
    /// <exception cref="InvalidOperationException">The discriminator is class-conditional; use <see cref="forward(Tensor, Tensor)"/>.</exception>
    /// <exception cref="ArgumentException">N is not a multiple of the packing.</exception>
    public override Tensor forward(Tensor images)
    {
        if (Shape.IsConditional)
            throw new InvalidOperationException($"This discriminator is class-conditional ({Shape.ClassCount} classes): call forward(images, labels).");
        using var scope = NewDisposeScope();
        return Run(Pack(images)).view(-1).MoveToOuterDisposeScope();
    }

    /// <summary>Scores images as members of the given classes; only for class-conditional discriminators.</summary>
    /// <param name="images">Images <c>[N, C, H, W]</c> in [-1, 1].</param>
    /// <param name="labels">Class indices <c>[N]</c> (int64).</param>
    /// <returns>One logit per image (or per pack, see <see cref="forward(Tensor)"/>): positive means "a real image of this class".</returns>
    /// <exception cref="InvalidOperationException">The discriminator is not class-conditional.</exception>
    /// <exception cref="ArgumentException">N is not a multiple of the packing.</exception>
    public Tensor forward(Tensor images, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (!Shape.IsConditional)
            throw new InvalidOperationException("This discriminator is not class-conditional: call forward(images) without labels.");
        using var scope = NewDisposeScope();
        return Run(Pack(LabelChannels.Append(images, labels, Shape.ClassCount))).view(-1).MoveToOuterDisposeScope();
    }

    /// <summary>Stacks each pack of consecutive images along the channels: <c>[N, C, H, W]</c> to <c>[N / P, P * C, H, W]</c>.</summary>
    private Tensor Pack(Tensor images)
    {
        int packing = Architecture.Packing;
        if (packing == 1)
            return images;
        long count = images.shape[0];
        if (count % packing != 0)
            throw new ArgumentException($"This discriminator judges packs of {packing} images, so the batch must be a multiple of {packing}, but it holds {count}.", nameof(images));
        return images.reshape(count / packing, images.shape[1] * packing, images.shape[2], images.shape[3]);
    }

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
