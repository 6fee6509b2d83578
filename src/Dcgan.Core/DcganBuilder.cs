using Dcgan.Data;
using Dcgan.Models;
using Dcgan.Models.DiscriminatorPieces;
using Dcgan.Training;
using Dcgan.Training.Losses;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dcgan;

/// <summary>
/// The fluent entry point: <c>new DcganBuilder().WithMnist().WithEpochs(5).Train()</c>.
/// </summary>
/// <remarks>
/// Each <c>With…</c> method records a setting and returns the builder; nothing is checked until
/// <see cref="Build"/>, which validates everything at once and reports every problem in one
/// <see cref="DcganValidationException"/>. A builder builds once; a second <see cref="Build"/> (or
/// <see cref="Train"/>) throws <see cref="InvalidOperationException"/>.
/// </remarks>
public sealed class DcganBuilder
{
    private readonly DcganOptions options = new();
    private IImageDataSource? dataSource;
    private ILoggerFactory loggerFactory = NullLoggerFactory.Instance;
    private TimeProvider timeProvider = TimeProvider.System;
    private double? labelSmoothing;
    private int? learningRateDecayEpochs;
    private bool built;

    /// <summary>Sets the length of the generator's noise vector.</summary>
    /// <param name="latentSize">Positive; default 100.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithLatentSize(int latentSize) => SetShape(s => s with { LatentSize = latentSize });

    /// <summary>Sets the side of the square images, one of <see cref="ImageShape.SupportedImageSizes"/>.</summary>
    /// <param name="imageSize">One of <see cref="Models.ImageShape.SupportedImageSizes"/>; default 28.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithImageSize(int imageSize) => SetShape(s => s with { ImageSize = imageSize });

    /// <summary>Sets the colour channels (1 or 3). Without it, the data source's channel count is used.</summary>
    /// <param name="channels">1 (grayscale) or 3 (RGB).</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithChannels(int channels) =>
        Set(o =>
        {
            o.Architecture = o.Architecture with { Shape = o.Architecture.Shape with { Channels = channels } };
            o.ChannelsFromDataSource = false;
        });

    /// <summary>Sets the feature-map widths of both networks (PyTorch's <c>ngf</c> and <c>ndf</c>).</summary>
    /// <param name="generator">The generator's last hidden width; default 64.</param>
    /// <param name="discriminator">The discriminator's first width; default 64.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithFeatureMaps(int generator, int discriminator) =>
        Set(o => o.Architecture = o.Architecture with
        {
            Generator = o.Architecture.Generator with { FeatureMaps = generator },
            Discriminator = o.Architecture.Discriminator with { FeatureMaps = discriminator },
        });

    /// <summary>Sets the number of passes over the data.</summary>
    /// <param name="epochs">Positive; default 5.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithEpochs(int epochs) => Set(o => o.Epochs = epochs);

    /// <summary>Sets the images per batch.</summary>
    /// <param name="batchSize">At least 2; default 32.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithBatchSize(int batchSize) => Set(o => o.Optimization.BatchSize = batchSize);

    /// <summary>Sets the Adam learning rates.</summary>
    /// <param name="generator">Generator rate; default 0.0008 (tuned, four times the discriminator's).</param>
    /// <param name="discriminator">Discriminator rate; default 0.0002.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithLearningRates(double generator, double discriminator) =>
        Set(o => { o.Optimization.GeneratorLearningRate = generator; o.Optimization.DiscriminatorLearningRate = discriminator; });

    /// <summary>Sets the generator steps taken after each discriminator step (<see cref="OptimizationOptions.GeneratorStepsPerBatch"/>).</summary>
    /// <param name="steps">From 1 to <see cref="OptimizationOptions.MaxGeneratorStepsPerBatch"/>; default 2.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithGeneratorSteps(int steps) => Set(o => o.Optimization.GeneratorStepsPerBatch = steps);

    /// <summary>
    /// Lets both learning rates fall linearly towards zero over the last <paramref name="epochs"/> epochs of the run
    /// (<see cref="OptimizationOptions.LearningRateDecayEpochs"/>). Unlike the other optimisation settings it also applies
    /// to a run resumed with <see cref="WithResumeFrom"/>: resuming a finished run with more <see cref="WithEpochs"/> and a
    /// decay over the added ones anneals it.
    /// </summary>
    /// <param name="epochs">0 (constant rates, the default) up to the run's epochs.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithLearningRateDecay(int epochs)
    {
        ThrowIfBuilt();
        learningRateDecayEpochs = epochs;
        return this;
    }

    /// <summary>
    /// Sets one-sided label smoothing of the non-saturating loss: real images are learned towards <c>1 - smoothing</c>
    /// (<see cref="NonSaturatingLoss.LabelSmoothing"/>). Other losses have no labels to smooth: with one of them,
    /// <see cref="Build"/> reports the conflict.
    /// </summary>
    /// <param name="smoothing">In [0, 0.5); 0 turns it off; 0.1 is the usual choice.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithLabelSmoothing(double smoothing)
    {
        ThrowIfBuilt();
        labelSmoothing = smoothing;
        return this;
    }

    /// <summary>
    /// Sets the adversarial objective (<see cref="OptimizationOptions.Loss"/>). A loss that forbids batch norm
    /// (<see cref="AdversarialLoss.AllowsBatchNorm"/>, as WGAN-GP does) also removes it from the discriminator.
    /// </summary>
    /// <param name="loss">The loss, for example <c>new HingeLoss()</c> or <c>new WassersteinGradientPenaltyLoss { CriticSteps = 5 }</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="loss"/> is null.</exception>
    public DcganBuilder WithLoss(AdversarialLoss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return Set(o =>
        {
            o.Optimization.Loss = loss;
            if (!loss.AllowsBatchNorm)
                SetDiscriminator(o, d => d with { BatchNorm = false });
        });
    }

    /// <summary>
    /// Adds (or with false removes) the minibatch standard-deviation feature of the discriminator (Karras et al.,
    /// 2018): it sees how varied a batch is, so a generator that repeats itself is easier to catch. On by default.
    /// </summary>
    /// <param name="enabled">True to have it (the default), false for the plain DCGAN discriminator.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithMinibatchStdDev(bool enabled = true) => SetPiece(enabled ? new MinibatchStdDevPiece() : null, typeof(MinibatchStdDevPiece));

    /// <summary>
    /// Gives the discriminator a minibatch discrimination layer (Salimans et al., 2016; see
    /// <see cref="MinibatchDiscriminationPiece"/>) with <paramref name="kernels"/> kernels, or with 0 removes it.
    /// On by default with 50 kernels of 5 dimensions; its effect on quality and speed is measured in <c>docs/tuning.md</c>
    /// and <c>docs/performance.md</c>.
    /// </summary>
    /// <param name="kernels">Kernels, from 0 (none) to <see cref="MinibatchDiscriminationPiece.MaxSize"/>.</param>
    /// <param name="kernelDimensions">Dimensions of each kernel's projection, from 1 to <see cref="MinibatchDiscriminationPiece.MaxSize"/>.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithMinibatchDiscrimination(int kernels = 50, int kernelDimensions = 5) =>
        SetPiece(kernels == 0 ? null : new MinibatchDiscriminationPiece { Kernels = kernels, KernelDimensions = kernelDimensions }, typeof(MinibatchDiscriminationPiece));

    /// <summary>
    /// Has the discriminator judge packs of <paramref name="packing"/> images instead of single images (PacGAN,
    /// Lin et al., 2018; see <see cref="Models.DiscriminatorArchitecture.Packing"/>). The batch size must be a
    /// multiple of it.
    /// </summary>
    /// <param name="packing">Images per pack, from 1 (the plain discriminator) to <see cref="Models.DiscriminatorArchitecture.MaxPacking"/>.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithDiscriminatorPacking(int packing) => Set(o => SetDiscriminator(o, d => d with { Packing = packing }));

    /// <summary>
    /// Trains a class-conditional pair on the data source's classes (<see cref="IImageDataSource.ClassNames"/>;
    /// <c>WithMnist()</c> supplies the ten digits): the generator then makes an image of a requested class.
    /// </summary>
    /// <returns>This builder.</returns>
    public DcganBuilder WithClassConditioning() => Set(o => o.ClassesFromDataSource = true);

    /// <summary>Trains a class-conditional pair on the named classes; the data's labels index <paramref name="classNames"/>.</summary>
    /// <param name="classNames">At least two distinct names, in label order.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="classNames"/> is null.</exception>
    public DcganBuilder WithClassConditioning(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        string[] copy = [.. classNames];
        return Set(o =>
        {
            o.Architecture = o.Architecture with { Shape = o.Architecture.Shape with { ClassNames = copy } };
            o.ClassesFromDataSource = false;
        });
    }

    /// <summary>Sets Adam's moment decays for both networks.</summary>
    /// <param name="beta1">First-moment decay in [0, 1); default 0.5.</param>
    /// <param name="beta2">Second-moment decay in [0, 1); default 0.999.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithBetas(double beta1, double beta2) => Set(o => { o.Optimization.Beta1 = beta1; o.Optimization.Beta2 = beta2; });

    /// <summary>Sets the seed of initialisation, shuffling and noise. Same seed, threads and device: same weights.</summary>
    /// <param name="seed">Any value; default 42.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithSeed(long seed) => Set(o => o.Optimization.Seed = seed);

    /// <summary>Sets libtorch's intra-op thread count for the process when training starts.</summary>
    /// <param name="threads">Positive. Without this call the process setting is left alone.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithThreads(int threads) => Set(o => o.Runtime.Threads = threads);

    /// <summary>Sets the torch device: <c>cpu</c> (default), <c>cuda</c> or <c>cuda:N</c>.</summary>
    /// <param name="device">The device name. CUDA needs the app to ship a CUDA backend package.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithDevice(string device) => Set(o => o.Runtime.Device = device);

    /// <summary>Writes a sample grid each epoch and the model files at the end to <paramref name="directory"/>.</summary>
    /// <param name="directory">Created if missing. Without this call nothing is written.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithOutputDirectory(string directory) => Set(o => o.Outputs.Directory = directory);

    /// <summary>Writes a sample grid every <paramref name="epochs"/> epochs (and after the last).</summary>
    /// <param name="epochs">Positive; default 1.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithSampleInterval(int epochs) => Set(o => o.Outputs.SampleInterval = epochs);

    /// <summary>Chooses which pictures the run writes to the output directory (all on by default).</summary>
    /// <param name="sampleGrids">Per-epoch grids from fixed noise (<c>samples/epoch_NNN.png</c>).</param>
    /// <param name="progressGif">All grids as one animation (<c>progress.gif</c>).</param>
    /// <param name="interpolation">A latent-space walk at the end (<c>interpolation.png</c>).</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithPictures(bool sampleGrids = true, bool progressGif = true, bool interpolation = true) =>
        Set(o => { o.Outputs.WriteSampleGrids = sampleGrids; o.Outputs.WriteProgressGif = progressGif; o.Outputs.WriteInterpolation = interpolation; });

    /// <summary>
    /// Sets the exponential moving average of the generator's weights that is saved and returned instead of the last
    /// step's weights (on by default with decay 0.999).
    /// </summary>
    /// <param name="decay">In (0, 1), for example 0.999; null for no average.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithGeneratorAverage(double? decay) => Set(o => o.Optimization.GeneratorAverageDecay = decay);

    /// <summary>
    /// Chooses the arithmetic of the training passes (<see cref="RuntimeOptions.Precision"/>): float32 (the default) or
    /// bfloat16 working copies of float32 networks (<see cref="TrainingPrecision.BFloat16"/>).
    /// </summary>
    /// <param name="precision">The precision.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithPrecision(TrainingPrecision precision) => Set(o => o.Runtime.Precision = precision);

    /// <summary>Chooses what happens when a loss becomes NaN or infinite: stop (default) or skip the batch.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithNonFiniteLossPolicy(NonFiniteLossPolicy policy) => Set(o => o.Runtime.NonFiniteLoss = policy);

    /// <summary>Appends a row to <c>metrics.csv</c> in the output directory every <paramref name="everySteps"/> steps.</summary>
    /// <param name="everySteps">Positive, or 0 for no metrics file; default 10.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithMetrics(int everySteps) => Set(o => o.Outputs.MetricsInterval = everySteps);

    /// <summary>
    /// Writes a TensorBoard event file to <paramref name="directory"/>: the losses, D(x), D(G(z)), the discriminator's
    /// accuracy and images per second every <see cref="WithMetrics"/> steps, and the sample grid every epoch. View it
    /// with <c>tensorboard --logdir DIRECTORY</c>.
    /// </summary>
    /// <param name="directory">Created if missing; each run (and each resume) adds its own file.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithTensorBoard(string directory) => Set(o => o.Outputs.TensorBoardDirectory = directory);

    /// <summary>Writes a checkpoint (models, optimizers, random state, progress) every <paramref name="everyEpochs"/> epochs.</summary>
    /// <param name="directory">Created if missing.</param>
    /// <param name="everyEpochs">Positive; default 1. The last epoch always gets one.</param>
    /// <param name="keep">How many of the newest checkpoints to keep; default 3.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithCheckpoints(string directory, int everyEpochs = 1, int keep = 3) =>
        Set(o => { o.Checkpoints.Directory = directory; o.Checkpoints.Interval = everyEpochs; o.Checkpoints.Keep = keep; });

    /// <summary>
    /// Continues the run saved in <paramref name="checkpointPath"/>: same weights, optimizer states, random
    /// state and history, so the result is bit-identical to an uninterrupted run on the same CPU and threads.
    /// The checkpoint's architecture, <see cref="OptimizationOptions"/> and fixed sample noise are used;
    /// <see cref="WithEpochs"/> sets the total to reach.
    /// </summary>
    /// <param name="checkpointPath">A file written by <see cref="WithCheckpoints"/>.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithResumeFrom(string checkpointPath) => Set(o => o.Checkpoints.ResumeFrom = checkpointPath);

    /// <summary>Sets where training images come from. Satellite packages wrap this (for example <c>WithMnist()</c>).</summary>
    /// <param name="source">The data source.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public DcganBuilder WithDataSource(IImageDataSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ThrowIfBuilt();
        dataSource = source;
        return this;
    }

    /// <summary>Sends the trainer's logs to <paramref name="factory"/>; without it nothing is logged.</summary>
    /// <param name="factory">The logger factory.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is null.</exception>
    public DcganBuilder WithLoggerFactory(ILoggerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ThrowIfBuilt();
        loggerFactory = factory;
        return this;
    }

    /// <summary>Sets the clock used for elapsed time, throughput and ETA; tests pass a fake one.</summary>
    /// <param name="provider">The clock; default <see cref="TimeProvider.System"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> is null.</exception>
    public DcganBuilder WithTimeProvider(TimeProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ThrowIfBuilt();
        timeProvider = provider;
        return this;
    }

    /// <summary>The full-options tier: edits every setting at once.</summary>
    /// <param name="configure">Receives the options to change.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public DcganBuilder Configure(Action<DcganOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Set(configure);
    }

    /// <summary>Validates every setting and creates the trainer, which owns the models it builds.</summary>
    /// <returns>A trainer ready to <see cref="AdversarialTrainer.Train"/>; dispose it when done.</returns>
    /// <exception cref="DcganValidationException">One or more settings are invalid; every problem is listed.</exception>
    /// <exception cref="InvalidOperationException">This builder has already built a trainer.</exception>
    public AdversarialTrainer Build()
    {
        ThrowIfBuilt();
        DcganOptions snapshot = options.Clone();
        var errors = new List<string>();
        if (dataSource is not null && snapshot.Architecture?.Shape is { } shape)
        {
            if (snapshot.ChannelsFromDataSource)
                shape = shape with { Channels = dataSource.Channels };
            if (snapshot.ClassesFromDataSource)
            {
                if (dataSource.ClassNames is { } names)
                    shape = shape with { ClassNames = [.. names] };
                else
                    errors.Add($"WithClassConditioning() takes its classes from the data source, but '{dataSource.Description}' names none; pass the class names to WithClassConditioning(names).");
            }
            snapshot.Architecture = snapshot.Architecture with { Shape = shape };
        }
        if (labelSmoothing is double smoothing && snapshot.Optimization is not null)
        {
            if (snapshot.Optimization.Loss is NonSaturatingLoss nonSaturating)
                snapshot.Optimization.Loss = nonSaturating with { LabelSmoothing = smoothing };
            else
                errors.Add($"WithLabelSmoothing({smoothing}) smooths the non-saturating loss's labels, but the loss is {snapshot.Optimization.Loss?.Name ?? "null"}, which has none.");
        }
        if (snapshot.Checkpoints?.ResumeFrom is not null)
            ApplyCheckpoint(snapshot, errors);
        // After the checkpoint's settings, which it may change.
        if (learningRateDecayEpochs is int decayEpochs && snapshot.Optimization is not null)
            snapshot.Optimization.LearningRateDecayEpochs = decayEpochs;
        errors.AddRange(snapshot.Validate());
        // Validate only reads; Build also probes the directories (creating them), so every problem is reported at once.
        CheckWritable(errors, "Outputs.Directory", snapshot.Outputs?.Directory);
        CheckWritable(errors, "Checkpoints.Directory", snapshot.Checkpoints?.Directory);
        CheckWritable(errors, "Outputs.TensorBoardDirectory", snapshot.Outputs?.TensorBoardDirectory);
        if (dataSource is null)
            errors.Add("No data source: call WithDataSource(...) or a satellite such as WithMnist().");
        else if (snapshot.Architecture?.Shape is { } resolved && dataSource.Channels != resolved.Channels)
            errors.Add($"Channels is {resolved.Channels}, but the data source '{dataSource.Description}' has {dataSource.Channels}.");
        if (errors.Count > 0)
            throw new DcganValidationException(errors);

        built = true;
        return new AdversarialTrainer(snapshot, dataSource!, loggerFactory, timeProvider);
    }

    /// <summary>Builds, trains, disposes the trainer and returns what training produced.</summary>
    /// <param name="progress">Receives a snapshot after every batch.</param>
    /// <param name="cancellationToken">Checked before every batch; with checkpoints on, cancelling writes a checkpoint that resumes exactly.</param>
    /// <returns>The result, which owns the trained generator; dispose it when done.</returns>
    /// <exception cref="DcganValidationException">One or more settings are invalid.</exception>
    /// <exception cref="OperationCanceledException">Training was cancelled.</exception>
    /// <exception cref="TrainingDivergedException">A loss became non-finite under <see cref="NonFiniteLossPolicy.Stop"/>.</exception>
    public TrainingResult Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using AdversarialTrainer trainer = Build();
        return trainer.Train(progress, cancellationToken);
    }

    /// <summary>Like <see cref="Train"/>, on a thread-pool thread.</summary>
    /// <remarks>
    /// libtorch trained measurably slower on a thread-pool thread than on a process's main thread on the Linux machines
    /// measured (<c>docs/performance.md</c>, "At the default configuration"); a console app that only waits for the run gets more
    /// images per second from <see cref="Train"/> on its main thread, as the <c>dcgan</c> CLI does.
    /// </remarks>
    /// <param name="progress">Receives a snapshot after every batch.</param>
    /// <param name="cancellationToken">Checked before every batch; with checkpoints on, cancelling writes a checkpoint that resumes exactly.</param>
    /// <returns>The result, which owns the trained generator; dispose it when done.</returns>
    /// <exception cref="DcganValidationException">One or more settings are invalid.</exception>
    /// <exception cref="OperationCanceledException">Training was cancelled.</exception>
    public Task<TrainingResult> TrainAsync(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        AdversarialTrainer trainer = Build();
        return Task.Run(() =>
        {
            using (trainer)
                return trainer.Train(progress, cancellationToken);
        }, CancellationToken.None);
    }

    private static void ApplyCheckpoint(DcganOptions snapshot, List<string> errors)
    {
        try
        {
            TrainingCheckpoint.Resumable saved = TrainingCheckpoint.ReadResumable(snapshot.Checkpoints.ResumeFrom!);
            snapshot.Architecture = saved.Architecture;
            snapshot.Optimization = saved.Optimization;
            snapshot.Outputs.SampleCount = saved.SampleCount;
            if (snapshot.Epochs < saved.Epoch)
                errors.Add($"Epochs is {snapshot.Epochs}, but the checkpoint '{snapshot.Checkpoints.ResumeFrom}' has already trained {saved.Epoch}; ask for at least {saved.Epoch}.");
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            errors.Add($"ResumeFrom: {ex.Message}");
        }
    }

    private static void CheckWritable(List<string> errors, string name, string? directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
            return; // null writes nothing; an empty name is Validate's to report
        try
        {
            Directory.CreateDirectory(directory);
            string probe = Path.Combine(directory, $".dcgan-write-probe-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors.Add($"{name} '{directory}' is not writable: {ex.Message}");
        }
    }

    private DcganBuilder SetShape(Func<ImageShape, ImageShape> change) =>
        Set(o => o.Architecture = o.Architecture with { Shape = change(o.Architecture.Shape) });

    private static void SetDiscriminator(DcganOptions o, Func<DiscriminatorArchitecture, DiscriminatorArchitecture> change) =>
        o.Architecture = o.Architecture with { Discriminator = change(o.Architecture.Discriminator) };

    /// <summary>Replaces the discriminator's piece of <paramref name="kind"/> by <paramref name="piece"/> in place, appends it, or with null removes it.</summary>
    private DcganBuilder SetPiece(DiscriminatorPiece? piece, Type kind) =>
        Set(o => SetDiscriminator(o, d =>
        {
            List<DiscriminatorPiece> pieces = [.. d.Pieces];
            int index = pieces.FindIndex(p => p.GetType() == kind);
            if (piece is null && index >= 0)
                pieces.RemoveAt(index);
            else if (piece is not null && index >= 0)
                pieces[index] = piece;
            else if (piece is not null)
                pieces.Insert(piece is MinibatchStdDevPiece ? 0 : pieces.Count, piece); // first, as in the default: later pieces see its channel
            return d with { Pieces = pieces };
        }));

    private DcganBuilder Set(Action<DcganOptions> change)
    {
        ThrowIfBuilt();
        change(options);
        return this;
    }

    private void ThrowIfBuilt()
    {
        if (built)
            throw new InvalidOperationException("This DcganBuilder has already built a trainer; create a new DcganBuilder for another run.");
    }
}
