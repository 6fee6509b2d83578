using Dcgan.Data;
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
    private bool channelsSet;
    private bool classesFromSource;
    private double? labelSmoothing;
    private bool built;

    /// <summary>Sets the length of the generator's noise vector.</summary>
    /// <param name="latentSize">Positive; default 100.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithLatentSize(int latentSize) => Set(o => o.Architecture = o.Architecture with { LatentSize = latentSize });

    /// <summary>Sets the side of the square images: 28, 32 or 64.</summary>
    /// <param name="imageSize">One of <see cref="Models.DcganArchitecture.SupportedImageSizes"/>; default 28.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithImageSize(int imageSize) => Set(o => o.Architecture = o.Architecture with { ImageSize = imageSize });

    /// <summary>Sets the colour channels (1 or 3). Without it, the data source's channel count is used.</summary>
    /// <param name="channels">1 (grayscale) or 3 (RGB).</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithChannels(int channels)
    {
        channelsSet = true;
        return Set(o => o.Architecture = o.Architecture with { Channels = channels });
    }

    /// <summary>Sets the feature-map widths of both networks (PyTorch's <c>ngf</c> and <c>ndf</c>).</summary>
    /// <param name="generator">The generator's last hidden width; default 64.</param>
    /// <param name="discriminator">The discriminator's first width; default 64.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithFeatureMaps(int generator, int discriminator) =>
        Set(o => o.Architecture = o.Architecture with { GeneratorFeatureMaps = generator, DiscriminatorFeatureMaps = discriminator });

    /// <summary>Sets the number of passes over the data.</summary>
    /// <param name="epochs">Positive; default 5.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithEpochs(int epochs) => Set(o => o.Epochs = epochs);

    /// <summary>Sets the images per batch.</summary>
    /// <param name="batchSize">At least 2; default 32.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithBatchSize(int batchSize) => Set(o => o.BatchSize = batchSize);

    /// <summary>Sets the Adam learning rates.</summary>
    /// <param name="generator">Generator rate; default 0.0008 (tuned, four times the discriminator's).</param>
    /// <param name="discriminator">Discriminator rate; default 0.0002.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithLearningRates(double generator, double discriminator) =>
        Set(o => { o.GeneratorLearningRate = generator; o.DiscriminatorLearningRate = discriminator; });

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
    /// Sets the adversarial objective (<see cref="DcganOptions.Loss"/>). A loss that forbids batch norm
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
            o.Loss = loss;
            if (!loss.AllowsBatchNorm)
                o.Architecture = o.Architecture with { DiscriminatorBatchNorm = false };
        });
    }

    /// <summary>
    /// Adds (or with false removes) the minibatch standard-deviation feature of the discriminator (Karras et al.,
    /// 2018): it sees how varied a batch is, so a generator that repeats itself is easier to catch. On by default.
    /// </summary>
    /// <param name="enabled">True to have it (the default), false for the plain DCGAN discriminator.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithMinibatchStdDev(bool enabled = true) => Set(o => o.Architecture = o.Architecture with { MinibatchStdDev = enabled });

    /// <summary>
    /// Gives the discriminator a minibatch discrimination layer (Salimans et al., 2016; see
    /// <see cref="Models.MinibatchDiscrimination"/>) with <paramref name="kernels"/> kernels, or with 0 removes it.
    /// On by default with 50 kernels of 5 dimensions; its effect on quality and speed is measured in <c>docs/tuning.md</c>
    /// and <c>docs/performance.md</c>.
    /// </summary>
    /// <param name="kernels">Kernels, from 0 (none) to <see cref="Models.DcganArchitecture.MaxMinibatchDiscrimination"/>.</param>
    /// <param name="kernelDimensions">Dimensions of each kernel's projection, from 1 to <see cref="Models.DcganArchitecture.MaxMinibatchDiscrimination"/>.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithMinibatchDiscrimination(int kernels = 50, int kernelDimensions = 5) =>
        Set(o => o.Architecture = o.Architecture with { MinibatchDiscriminationKernels = kernels, MinibatchDiscriminationKernelDimensions = kernelDimensions });

    /// <summary>
    /// Has the discriminator judge packs of <paramref name="packing"/> images instead of single images (PacGAN,
    /// Lin et al., 2018; see <see cref="Models.DcganArchitecture.DiscriminatorPacking"/>). The batch size must be a
    /// multiple of it.
    /// </summary>
    /// <param name="packing">Images per pack, from 1 (the plain discriminator) to <see cref="Models.DcganArchitecture.MaxDiscriminatorPacking"/>.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithDiscriminatorPacking(int packing) => Set(o => o.Architecture = o.Architecture with { DiscriminatorPacking = packing });

    /// <summary>
    /// Trains a class-conditional pair on the data source's classes (<see cref="IImageDataSource.ClassNames"/>;
    /// <c>WithMnist()</c> supplies the ten digits): the generator then makes an image of a requested class.
    /// </summary>
    /// <returns>This builder.</returns>
    public DcganBuilder WithClassConditioning()
    {
        ThrowIfBuilt();
        classesFromSource = true;
        return this;
    }

    /// <summary>Trains a class-conditional pair on the named classes; the data's labels index <paramref name="classNames"/>.</summary>
    /// <param name="classNames">At least two distinct names, in label order.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="classNames"/> is null.</exception>
    public DcganBuilder WithClassConditioning(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        string[] copy = [.. classNames];
        classesFromSource = false;
        return Set(o => o.Architecture = o.Architecture with { ClassNames = copy });
    }

    /// <summary>Sets Adam's moment decays for both networks.</summary>
    /// <param name="beta1">First-moment decay in [0, 1); default 0.5.</param>
    /// <param name="beta2">Second-moment decay in [0, 1); default 0.999.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithBetas(double beta1, double beta2) => Set(o => { o.Beta1 = beta1; o.Beta2 = beta2; });

    /// <summary>Sets the seed of initialisation, shuffling and noise. Same seed, threads and device: same weights.</summary>
    /// <param name="seed">Any value; default 42.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithSeed(long seed) => Set(o => o.Seed = seed);

    /// <summary>Sets libtorch's intra-op thread count for the process when training starts.</summary>
    /// <param name="threads">Positive. Without this call the process setting is left alone.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithThreads(int threads) => Set(o => o.Threads = threads);

    /// <summary>Sets the torch device: <c>cpu</c> (default), <c>cuda</c> or <c>cuda:N</c>.</summary>
    /// <param name="device">The device name. CUDA needs the app to ship a CUDA backend package.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithDevice(string device) => Set(o => o.Device = device);

    /// <summary>Writes a sample grid each epoch and the model files at the end to <paramref name="directory"/>.</summary>
    /// <param name="directory">Created if missing. Without this call nothing is written.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithOutputDirectory(string directory) => Set(o => o.OutputDirectory = directory);

    /// <summary>Writes a sample grid every <paramref name="epochs"/> epochs (and after the last).</summary>
    /// <param name="epochs">Positive; default 1.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithSampleInterval(int epochs) => Set(o => o.SampleInterval = epochs);

    /// <summary>Chooses which pictures the run writes to the output directory (all on by default).</summary>
    /// <param name="sampleGrids">Per-epoch grids from fixed noise (<c>samples/epoch_NNN.png</c>).</param>
    /// <param name="progressGif">All grids as one animation (<c>progress.gif</c>).</param>
    /// <param name="interpolation">A latent-space walk at the end (<c>interpolation.png</c>).</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithPictures(bool sampleGrids = true, bool progressGif = true, bool interpolation = true) =>
        Set(o => { o.WriteSampleGrids = sampleGrids; o.WriteProgressGif = progressGif; o.WriteInterpolation = interpolation; });

    /// <summary>
    /// Sets the exponential moving average of the generator's weights that is saved and returned instead of the last
    /// step's weights (on by default with decay 0.999).
    /// </summary>
    /// <param name="decay">In (0, 1), for example 0.999; null for no average.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithGeneratorAverage(double? decay) => Set(o => o.GeneratorAverageDecay = decay);

    /// <summary>Chooses what happens when a loss becomes NaN or infinite: stop (default) or skip the batch.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithNonFiniteLossPolicy(NonFiniteLossPolicy policy) => Set(o => o.NonFiniteLoss = policy);

    /// <summary>Appends a row to <c>metrics.csv</c> in the output directory every <paramref name="everySteps"/> steps.</summary>
    /// <param name="everySteps">Positive, or 0 for no metrics file; default 10.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithMetrics(int everySteps) => Set(o => o.MetricsInterval = everySteps);

    /// <summary>Writes a checkpoint (models, optimizers, random state, progress) every <paramref name="everyEpochs"/> epochs.</summary>
    /// <param name="directory">Created if missing.</param>
    /// <param name="everyEpochs">Positive; default 1. The last epoch always gets one.</param>
    /// <param name="keep">How many of the newest checkpoints to keep; default 3.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithCheckpoints(string directory, int everyEpochs = 1, int keep = 3) =>
        Set(o => { o.CheckpointDirectory = directory; o.CheckpointInterval = everyEpochs; o.CheckpointsToKeep = keep; });

    /// <summary>
    /// Continues the run saved in <paramref name="checkpointPath"/>: same weights, optimizer states, random
    /// state and history, so the result is bit-identical to an uninterrupted run on the same CPU and threads.
    /// The checkpoint's architecture, batch size, learning rates, betas, seed and sample count are used;
    /// <see cref="WithEpochs"/> sets the total to reach.
    /// </summary>
    /// <param name="checkpointPath">A file written by <see cref="WithCheckpoints"/>.</param>
    /// <returns>This builder.</returns>
    public DcganBuilder WithResumeFrom(string checkpointPath) => Set(o => o.ResumeFrom = checkpointPath);

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
        int channels = options.Architecture.Channels;
        Set(configure);
        channelsSet |= options.Architecture.Channels != channels;
        return this;
    }

    /// <summary>Validates every setting and creates the trainer, which owns the models it builds.</summary>
    /// <returns>A trainer ready to <see cref="AdversarialTrainer.Train"/>; dispose it when done.</returns>
    /// <exception cref="DcganValidationException">One or more settings are invalid; every problem is listed.</exception>
    /// <exception cref="InvalidOperationException">This builder has already built a trainer.</exception>
    public AdversarialTrainer Build()
    {
        ThrowIfBuilt();
        DcganOptions snapshot = options.Clone();
        if (!channelsSet && dataSource is not null && snapshot.Architecture is not null)
            snapshot.Architecture = snapshot.Architecture with { Channels = dataSource.Channels };

        var errors = new List<string>();
        if (classesFromSource && dataSource is not null && snapshot.Architecture is not null)
        {
            if (dataSource.ClassNames is { } names)
                snapshot.Architecture = snapshot.Architecture with { ClassNames = [.. names] };
            else
                errors.Add($"WithClassConditioning() takes its classes from the data source, but '{dataSource.Description}' names none; pass the class names to WithClassConditioning(names).");
        }
        if (labelSmoothing is double smoothing)
        {
            if (snapshot.Loss is NonSaturatingLoss nonSaturating)
                snapshot.Loss = nonSaturating with { LabelSmoothing = smoothing };
            else
                errors.Add($"WithLabelSmoothing({smoothing}) smooths the non-saturating loss's labels, but the loss is {snapshot.Loss?.Name ?? "null"}, which has none.");
        }
        if (snapshot.ResumeFrom is not null)
            ApplyCheckpoint(snapshot, errors);
        errors.AddRange(snapshot.Validate());
        // Validate only reads; Build also probes the directories (creating them), so every problem is reported at once.
        CheckWritable(errors, nameof(DcganOptions.OutputDirectory), snapshot.OutputDirectory);
        CheckWritable(errors, nameof(DcganOptions.CheckpointDirectory), snapshot.CheckpointDirectory);
        if (dataSource is null)
            errors.Add("No data source: call WithDataSource(...) or a satellite such as WithMnist().");
        else if (snapshot.Architecture is not null && dataSource.Channels != snapshot.Architecture.Channels)
            errors.Add($"Channels is {snapshot.Architecture.Channels}, but the data source '{dataSource.Description}' has {dataSource.Channels}.");
        if (errors.Count > 0)
            throw new DcganValidationException(errors);

        built = true;
        return new AdversarialTrainer(snapshot, dataSource!, loggerFactory, timeProvider);
    }

    /// <summary>Builds, trains, disposes the trainer and returns what training produced.</summary>
    /// <param name="progress">Receives a snapshot after every batch.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <returns>The result, which owns the trained generator; dispose it when done.</returns>
    /// <exception cref="DcganValidationException">One or more settings are invalid.</exception>
    /// <exception cref="OperationCanceledException">Training was cancelled.</exception>
    public TrainingResult Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using AdversarialTrainer trainer = Build();
        return trainer.Train(progress, cancellationToken);
    }

    /// <summary>Like <see cref="Train"/>, on a thread-pool thread.</summary>
    /// <param name="progress">Receives a snapshot after every batch.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
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
            (DcganOptions saved, int epoch) = CheckpointFile.ReadOptions(snapshot.ResumeFrom!);
            snapshot.Architecture = saved.Architecture;
            snapshot.BatchSize = saved.BatchSize;
            snapshot.GeneratorLearningRate = saved.GeneratorLearningRate;
            snapshot.DiscriminatorLearningRate = saved.DiscriminatorLearningRate;
            snapshot.Beta1 = saved.Beta1;
            snapshot.Beta2 = saved.Beta2;
            snapshot.Seed = saved.Seed;
            snapshot.SampleCount = saved.SampleCount;
            snapshot.GeneratorAverageDecay = saved.GeneratorAverageDecay;
            snapshot.Loss = saved.Loss;
            if (snapshot.Epochs < epoch)
                errors.Add($"Epochs is {snapshot.Epochs}, but the checkpoint '{snapshot.ResumeFrom}' has already trained {epoch}; ask for at least {epoch}.");
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
