using Dcgan.Persistence;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Dcgan.Models;

/// <summary>
/// The DCGAN generator: noise of <see cref="DcganArchitecture.LatentSize"/> values in, an image in
/// [-1, 1] out. Transposed convolutions with batch norm and ReLU, <c>tanh</c> on the output, no pooling
/// and no fully connected layers (Radford et al., 2015).
/// </summary>
/// <remarks>
/// <para>State-dict names follow the PyTorch DCGAN example: a <c>main</c> sequence numbered from 0,
/// giving keys such as <c>main.0.weight</c> (first transposed convolution), <c>main.1.weight</c>,
/// <c>main.1.bias</c>, <c>main.1.running_mean</c> (its batch norm), and so on. The layout is listed in
/// <c>docs/architecture.md</c>.</para>
/// <para>The generator owns its parameters; dispose it when done. It is not thread-safe: give each
/// thread its own instance or serialise calls.</para>
/// </remarks>
public sealed class Generator : nn.Module<Tensor, Tensor>
{
    private readonly Sequential main;

    // Serialises inference: eval()/train() switching is module state shared by all callers.
    private readonly Lock inferenceLock = new();

    /// <summary>Creates a generator with DCGAN initial weights drawn from <paramref name="seed"/>.</summary>
    /// <param name="architecture">The shape of the network.</param>
    /// <param name="seed">Seed of the N(0, 0.02) initialisation.</param>
    /// <exception cref="ArgumentNullException"><paramref name="architecture"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="architecture"/> is invalid.</exception>
    public Generator(DcganArchitecture architecture, long seed = 0)
        : base(nameof(Generator))
    {
        ArgumentNullException.ThrowIfNull(architecture);
        architecture.EnsureValid();
        Architecture = architecture;

        var layers = new List<nn.Module<Tensor, Tensor>>();
        int doublings = architecture.Doublings;
        int width = architecture.GeneratorFeatureMaps << (doublings - 1);

        // Project the noise (a 1x1 map) to BaseSize x BaseSize with a full-size kernel.
        layers.Add(nn.ConvTranspose2d(architecture.LatentSize, width, architecture.BaseSize, stride: 1, padding: 0L, bias: false));
        layers.Add(nn.BatchNorm2d(width));
        layers.Add(nn.ReLU(inplace: true));

        for (int i = 1; i < doublings; i++)
        {
            layers.Add(nn.ConvTranspose2d(width, width / 2, 4, stride: 2, padding: 1L, bias: false));
            layers.Add(nn.BatchNorm2d(width / 2));
            layers.Add(nn.ReLU(inplace: true));
            width /= 2;
        }

        layers.Add(nn.ConvTranspose2d(width, architecture.Channels, 4, stride: 2, padding: 1L, bias: false));
        layers.Add(nn.Tanh());

        main = nn.Sequential(layers.Select((layer, index) => (index.ToString(System.Globalization.CultureInfo.InvariantCulture), layer)).ToArray());
        RegisterComponents();

        using var random = new torch.Generator((ulong)seed);
        WeightInitialization.Apply(this, random);
    }

    /// <summary>The shape this generator was built with.</summary>
    public DcganArchitecture Architecture { get; }

    /// <summary>How this generator was trained: set after training and when loaded from a file that records it; otherwise null.</summary>
    public TrainingSummary? Training { get; internal set; }

    /// <summary>Maps noise <c>[N, LatentSize]</c> or <c>[N, LatentSize, 1, 1]</c> to images <c>[N, C, H, W]</c> in [-1, 1].</summary>
    /// <param name="noise">The latent vectors.</param>
    /// <returns>The generated images.</returns>
    public override Tensor forward(Tensor noise)
    {
        Tensor input = noise.dim() == 2 ? noise.view(noise.shape[0], noise.shape[1], 1, 1) : noise;
        return main.call(input);
    }

    /// <summary>
    /// Draws <paramref name="count"/> noise vectors from N(0, 1) with <paramref name="seed"/>, the same
    /// on every device.
    /// </summary>
    /// <param name="count">How many vectors.</param>
    /// <param name="seed">Seed of the draw; the same seed gives the same noise.</param>
    /// <returns>A CPU tensor <c>[count, LatentSize, 1, 1]</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    public Tensor SampleNoise(int count, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        using var random = new torch.Generator((ulong)seed);
        return randn([count, Architecture.LatentSize, 1, 1], generator: random);
    }

    /// <summary>
    /// Generates <paramref name="count"/> images from seeded noise, in evaluation mode and without
    /// gradients; the module's training mode is restored afterwards.
    /// </summary>
    /// <param name="count">How many images.</param>
    /// <param name="seed">Seed of the noise; the same seed gives the same images.</param>
    /// <returns>A CPU tensor <c>[count, Channels, ImageSize, ImageSize]</c> in [-1, 1], owned by the caller.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive.</exception>
    /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
    public Tensor Generate(int count, long seed = 0)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        using Tensor noise = SampleNoise(count, seed);
        return Generate(noise);
    }

    /// <summary>
    /// Generates images from the given noise, in evaluation mode and without gradients. Safe to call from
    /// several threads at once: calls are serialised, and each result depends only on its noise.
    /// </summary>
    /// <param name="noise">Latent vectors <c>[N, LatentSize]</c> or <c>[N, LatentSize, 1, 1]</c> on any device.</param>
    /// <returns>A CPU tensor <c>[N, Channels, ImageSize, ImageSize]</c> in [-1, 1], owned by the caller.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="noise"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
    public Tensor Generate(Tensor noise)
    {
        ArgumentNullException.ThrowIfNull(noise);
        lock (inferenceLock)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            bool wasTraining = training;
            eval();
            try
            {
                using var scope = NewDisposeScope();
                using IDisposable noGrad = no_grad();
                Device device = parameters().First().device;
                Tensor images = call(noise.to(device)).cpu();
                return images.MoveToOuterDisposeScope();
            }
            finally
            {
                train(wasTraining);
            }
        }
    }

    /// <summary>Whether <see cref="Dispose(bool)"/> has run.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>
    /// Writes the generator file (safetensors with a Dcgan manifest, format version 2; see
    /// <c>docs/embedding.md</c>) to <paramref name="path"/>, replacing it atomically.
    /// </summary>
    /// <param name="path">The file to write; its directory is created if missing.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public void Save(string path) => ModelFile.Save(path, ModelKind.Generator, Architecture, this, Training);

    /// <summary>Writes the architecture and weights to <paramref name="stream"/>.</summary>
    /// <param name="stream">A writable stream; left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream) => ModelFile.Save(stream, ModelKind.Generator, Architecture, this, Training);

    /// <summary>Loads a generator saved by <see cref="Save(string)"/>; needs no other configuration.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>A generator in evaluation mode on the CPU, owned by the caller.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a Dcgan generator file, is truncated, does not match its declared architecture (the message names the tensor and both shapes), or is of a newer format.</exception>
    public static Generator Load(string path)
    {
        using FileStream stream = ModelFile.OpenRead(path);
        return ModelFile.Load(stream, path, ModelKind.Generator, manifest => new Generator(manifest.Architecture) { Training = manifest.Training });
    }

    /// <summary>Extracts the generator from a training checkpoint (written by <c>DcganBuilder.WithCheckpoints</c>).</summary>
    /// <param name="checkpointPath">The checkpoint file.</param>
    /// <returns>A generator in evaluation mode on the CPU, owned by the caller.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a Dcgan checkpoint or is damaged.</exception>
    public static Generator LoadFromCheckpoint(string checkpointPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(checkpointPath);
        return Dcgan.Training.CheckpointFile.LoadGenerator(checkpointPath);
    }

    /// <summary>Loads a generator from a stream written by <see cref="Save(Stream)"/>.</summary>
    /// <param name="stream">A readable stream positioned at the start of the model; left open.</param>
    /// <returns>A generator in evaluation mode on the CPU, owned by the caller.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The data is not a Dcgan generator, is truncated, or is of a newer format.</exception>
    public static Generator Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ModelFile.Load(stream, "(stream)", ModelKind.Generator, manifest => new Generator(manifest.Architecture) { Training = manifest.Training });
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
