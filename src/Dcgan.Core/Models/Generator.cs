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
/// <para>The generator owns its parameters; dispose it when done. The inference methods
/// (<see cref="Generate(Tensor)"/> and the overloads built on it) may be called from several threads at once: they
/// take a lock, so calls are serialised. Training it (<c>forward</c> with gradients, an optimizer) is not thread-safe.</para>
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

        // Project the noise (a 1x1 map, with the one-hot label appended when conditional) to BaseSize x BaseSize
        // with a full-size kernel. On a one-hot input this layer's weights are a learned embedding of each class.
        layers.Add(nn.ConvTranspose2d(architecture.LatentSize + architecture.ClassCount, width, architecture.BaseSize, stride: 1, padding: 0L, bias: false));
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
    /// <exception cref="InvalidOperationException">The generator is class-conditional; use <see cref="forward(Tensor, Tensor)"/>.</exception>
    public override Tensor forward(Tensor noise)
    {
        if (Architecture.IsConditional)
        {
            throw new InvalidOperationException(
                $"This generator is class-conditional ({Architecture.ClassCount} classes): call forward(noise, labels) or Generate(count, seed, label).");
        }
        return main.call(AsMap(noise));
    }

    /// <summary>Maps noise and class labels to images; only for class-conditional generators.</summary>
    /// <param name="noise">Latent vectors <c>[N, LatentSize]</c> or <c>[N, LatentSize, 1, 1]</c>.</param>
    /// <param name="labels">Class indices <c>[N]</c> (int64), each in [0, <see cref="DcganArchitecture.ClassCount"/>).</param>
    /// <returns>The generated images <c>[N, C, H, W]</c> in [-1, 1].</returns>
    /// <exception cref="InvalidOperationException">The generator is not class-conditional.</exception>
    public Tensor forward(Tensor noise, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(labels);
        if (!Architecture.IsConditional)
            throw new InvalidOperationException("This generator is not class-conditional: call forward(noise) without labels.");
        using var scope = NewDisposeScope();
        return main.call(LabelChannels.Append(AsMap(noise), labels, Architecture.ClassCount)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The label index of the class called <paramref name="name"/> in <see cref="DcganArchitecture.ClassNames"/>.
    /// </summary>
    /// <param name="name">A class name, such as <c>"7"</c> for an MNIST generator.</param>
    /// <returns>The label to pass to <see cref="Generate(int, long, int?)"/>.</returns>
    /// <exception cref="InvalidOperationException">The generator is not class-conditional.</exception>
    /// <exception cref="ArgumentException">No class has that name; the message lists the names.</exception>
    public int LabelOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        IReadOnlyList<string> names = Architecture.ClassNames
            ?? throw new InvalidOperationException("This generator is not class-conditional, so it has no class names.");
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
                return i;
        }
        throw new ArgumentException($"This generator has no class '{name}'; its classes are {string.Join(", ", names)}.", nameof(name));
    }

    private static Tensor AsMap(Tensor noise) => noise.dim() == 2 ? noise.view(noise.shape[0], noise.shape[1], 1, 1) : noise;

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
    /// <param name="label">
    /// For a class-conditional generator, the class every image shows (an index into
    /// <see cref="DcganArchitecture.ClassNames"/>; see <see cref="LabelOf(string)"/>); when null, image <c>i</c>
    /// shows class <c>i % ClassCount</c>, so every class appears equally often. Must be null for an
    /// unconditional generator.
    /// </param>
    /// <returns>A CPU tensor <c>[count, Channels, ImageSize, ImageSize]</c> in [-1, 1], owned by the caller.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not positive, or <paramref name="label"/> is not a class of this generator.</exception>
    /// <exception cref="ArgumentException"><paramref name="label"/> was given to an unconditional generator.</exception>
    /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
    public Tensor Generate(int count, long seed = 0, int? label = null)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        using Tensor noise = SampleNoise(count, seed);
        return GenerateWithLabel(noise, label);
    }

    /// <summary>
    /// The one path from noise and an optional single label to images: an unconditional generator refuses a
    /// label; a conditional one uses <see cref="LabelsFor"/>, whose labels are valid by construction.
    /// </summary>
    internal Tensor GenerateWithLabel(Tensor noise, int? label)
    {
        ArgumentNullException.ThrowIfNull(noise);
        if (!Architecture.IsConditional)
        {
            if (label is not null)
                throw new ArgumentException($"Label {label} was given, but this generator is not class-conditional.", nameof(label));
            return GenerateCore(noise, null);
        }
        using Tensor labels = LabelsFor((int)noise.shape[0], label);
        return GenerateCore(noise, labels);
    }

    /// <summary>
    /// The labels <see cref="Generate(int, long, int?)"/> uses: <paramref name="count"/> copies of
    /// <paramref name="label"/>, or <c>0, 1, …, ClassCount - 1, 0, 1, …</c> when it is null.
    /// </summary>
    /// <param name="count">How many labels.</param>
    /// <param name="label">One class for all, or null to cycle through the classes.</param>
    /// <returns>A CPU int64 tensor <c>[count]</c>.</returns>
    /// <exception cref="InvalidOperationException">The generator is not class-conditional.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="label"/> is not a class of this generator.</exception>
    public Tensor LabelsFor(int count, int? label = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        int classes = Architecture.ClassCount;
        if (classes == 0)
            throw new InvalidOperationException("This generator is not class-conditional, so it takes no labels.");
        if (label is int l && (l < 0 || l >= classes))
            throw new ArgumentOutOfRangeException(nameof(label), label, $"The label must be a class index from 0 to {classes - 1} ({string.Join(", ", Architecture.ClassNames!)}).");
        return label is int fixedLabel ? full(count, fixedLabel, ScalarType.Int64) : arange(count, ScalarType.Int64).remainder(classes);
    }

    /// <summary>
    /// Generates images from the given noise, in evaluation mode and without gradients. Safe to call from
    /// several threads at once: calls are serialised, and each result depends only on its noise.
    /// </summary>
    /// <param name="noise">Latent vectors <c>[N, LatentSize]</c> or <c>[N, LatentSize, 1, 1]</c> on any device.</param>
    /// <returns>A CPU tensor <c>[N, Channels, ImageSize, ImageSize]</c> in [-1, 1], owned by the caller.</returns>
    /// <remarks>A class-conditional generator cycles through its classes: image <c>i</c> shows class <c>i % ClassCount</c>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="noise"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
    public Tensor Generate(Tensor noise) => GenerateWithLabel(noise, null);

    /// <summary>
    /// Generates images of the given classes from the given noise, in evaluation mode and without gradients;
    /// only for class-conditional generators. Thread-safe like <see cref="Generate(Tensor)"/>.
    /// </summary>
    /// <param name="noise">Latent vectors <c>[N, LatentSize]</c> or <c>[N, LatentSize, 1, 1]</c> on any device.</param>
    /// <param name="labels">Class indices <c>[N]</c>, int64.</param>
    /// <returns>A CPU tensor <c>[N, Channels, ImageSize, ImageSize]</c> in [-1, 1], owned by the caller.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The label count differs from the noise count, or a label is out of range.</exception>
    /// <exception cref="InvalidOperationException">The generator is not class-conditional.</exception>
    /// <exception cref="ObjectDisposedException">The generator was disposed.</exception>
    public Tensor Generate(Tensor noise, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(labels);
        if (!Architecture.IsConditional)
            throw new InvalidOperationException("This generator is not class-conditional: call Generate(noise) without labels.");
        if (labels.dim() != 1 || labels.shape[0] != noise.shape[0])
            throw new ArgumentException($"Expected {noise.shape[0]} labels in a 1-D tensor, but got shape [{string.Join(", ", labels.shape)}].", nameof(labels));
        if (labels.numel() > 0 && (labels.min().item<long>() < 0 || labels.max().item<long>() >= Architecture.ClassCount))
            throw new ArgumentException($"Every label must be from 0 to {Architecture.ClassCount - 1}.", nameof(labels));
        return GenerateCore(noise, labels);
    }

    private Tensor GenerateCore(Tensor noise, Tensor? labels)
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
                Tensor images = (labels is null ? call(noise.to(device)) : forward(noise.to(device), labels.to(device))).cpu();
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
