using Dcgan.Models;
using Dcgan.Persistence;
using TorchSharp;
using static TorchSharp.torch;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Inference;

/// <summary>
/// The TorchSharp backend of the inference contract: serves a <see cref="Generator"/> network to the embedding API
/// (<see cref="Imaging.GeneratorImageExtensions"/>). It runs the network in evaluation mode without gradients and
/// restores the network's training mode afterwards.
/// </summary>
/// <remarks>
/// Safe to call from several threads at once: calls are serialised by a lock, because switching between evaluation and
/// training mode is state of the network shared by every caller. Each result depends only on its noise and labels.
/// </remarks>
public sealed class TorchImageGenerator : IImageGenerator
{
    private readonly Lock inferenceLock = new();
    private readonly bool ownsGenerator;
    private bool disposed;

    /// <summary>Serves <paramref name="generator"/>.</summary>
    /// <param name="generator">The network, on any device.</param>
    /// <param name="ownsGenerator">Whether disposing this instance disposes the network.</param>
    /// <exception cref="ArgumentNullException"><paramref name="generator"/> is null.</exception>
    public TorchImageGenerator(Generator generator, bool ownsGenerator = true)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Generator = generator;
        this.ownsGenerator = ownsGenerator;
        Description = Describe(generator.Shape);
    }

    /// <summary>The network served.</summary>
    public Generator Generator { get; }

    /// <inheritdoc />
    public GeneratorDescription Description { get; }

    /// <summary>Loads a generator file (see <see cref="GeneratorFile.Load(string)"/>) and serves it.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>A generator owned by the caller.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid Dcgan generator file.</exception>
    public static TorchImageGenerator Load(string path) => new(GeneratorFile.Load(path));

    /// <summary>Loads a generator from a stream (see <see cref="GeneratorFile.Load(Stream)"/>) and serves it.</summary>
    /// <param name="stream">A readable stream positioned at the start of the model; left open.</param>
    /// <returns>A generator owned by the caller.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The data is not a valid Dcgan generator file.</exception>
    public static TorchImageGenerator Load(Stream stream) => new(GeneratorFile.Load(stream));

    /// <summary>What a generator of <paramref name="shape"/> is, to a user of its images.</summary>
    /// <param name="shape">The generator's shape.</param>
    /// <returns>The description.</returns>
    public static GeneratorDescription Describe(ImageShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return new GeneratorDescription(shape.LatentSize, shape.ImageSize, shape.Channels, shape.ClassNames);
    }

    /// <summary>
    /// The trainer's fixed sample noise, <c>[count, latentSize, 1, 1]</c> on the CPU, from libtorch's sampler (training keeps
    /// libtorch's random streams; inference draws <see cref="StandardNormalNoise"/>).
    /// </summary>
    internal static Tensor SampleNoise(int count, int latentSize, long seed)
    {
        using var random = new torch.Generator((ulong)seed);
        return randn([count, latentSize, 1, 1], generator: random);
    }

    /// <inheritdoc />
    public ImageBatch Generate(float[] noise, int[]? labels = null)
    {
        int count = Description.CheckGenerateArguments(noise, labels);
        using GenerationTelemetry.Call call = GenerationTelemetry.Start("torchsharp", count);
        using var scope = NewDisposeScope();
        Tensor images = Run(tensor(noise, [count, Description.LatentSize]), labels);
        var batch = new ImageBatch(images.data<float>().ToArray(), count, Description.Channels, Description.ImageSize, Description.ImageSize);
        call.Succeeded();
        return batch;
    }

    /// <summary>
    /// Generates images from noise tensors, for callers that work in TorchSharp: in evaluation mode, without gradients,
    /// restoring the network's training mode afterwards.
    /// </summary>
    /// <param name="noise">Latent vectors <c>[N, LatentSize]</c> or <c>[N, LatentSize, 1, 1]</c> on any device.</param>
    /// <param name="labels">
    /// Class indices <c>[N]</c> (int64) for a class-conditional generator; when null, image <c>i</c> shows class
    /// <c>i % ClassCount</c>. Must be null for an unconditional generator.
    /// </param>
    /// <returns>A CPU tensor <c>[N, Channels, ImageSize, ImageSize]</c> in [-1, 1], owned by the caller.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="noise"/> is null.</exception>
    /// <exception cref="ArgumentException">Labels were given to an unconditional generator, are not one-dimensional, do not match the noise in count, or name no class.</exception>
    /// <exception cref="ObjectDisposedException">This instance or the network was disposed.</exception>
    public Tensor GenerateTensor(Tensor noise, Tensor? labels = null)
    {
        ArgumentNullException.ThrowIfNull(noise);
        int count = (int)noise.shape[0];
        if (labels is not null && labels.dim() != 1)
            throw new ArgumentException($"Expected {count} labels in a 1-D tensor, but got shape [{string.Join(", ", labels.shape)}].", nameof(labels));
        int[]? given = labels is null ? null : ToIndices(labels);
        int[]? classes = given ?? (Description.IsConditional ? Description.LabelsFor(count) : null);
        Description.CheckLabels(count, classes);
        return Run(noise, classes);
    }

    /// <summary>
    /// The one place where inference mode is switched: runs the network on checked noise and labels in evaluation mode
    /// without gradients, under the lock, and restores its training mode.
    /// </summary>
    private Tensor Run(Tensor noise, int[]? labels)
    {
        lock (inferenceLock)
        {
            ObjectDisposedException.ThrowIf(disposed || Generator.IsDisposed, this);
            bool wasTraining = Generator.training;
            Generator.eval();
            try
            {
                using var scope = NewDisposeScope();
                using IDisposable noGrad = no_grad();
                Device device = Generator.parameters().First().device;
                Tensor? classes = labels is null ? null : tensor(labels.Select(l => (long)l).ToArray(), device: device);
                Tensor images = Generator.call(noise.to(device), classes);
                return images.cpu().contiguous().MoveToOuterDisposeScope();
            }
            finally
            {
                Generator.train(wasTraining);
            }
        }
    }

    /// <summary>A label tensor's values as class indices; one beyond the int range stays out of range.</summary>
    private static int[] ToIndices(Tensor labels)
    {
        using Tensor values = labels.to_type(ScalarType.Int64).cpu().contiguous();
        return values.data<long>().ToArray().Select(l => (int)Math.Clamp(l, int.MinValue, int.MaxValue)).ToArray();
    }

    /// <summary>Disposes the network when this instance owns it; safe to call more than once.</summary>
    public void Dispose()
    {
        lock (inferenceLock)
        {
            if (disposed)
                return;
            disposed = true;
            if (ownsGenerator)
                Generator.Dispose();
        }
    }
}
