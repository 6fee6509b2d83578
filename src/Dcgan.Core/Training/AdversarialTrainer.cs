using System.Diagnostics;
using Dcgan.Data;
using Dcgan.Diagnostics;
using Dcgan.Imaging;
using Dcgan.Inference;
using Dcgan.Models;
using Dcgan.Persistence;
using Dcgan.Training.Losses;
using Microsoft.Extensions.Logging;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Training;

/// <summary>
/// Trains a <see cref="Models.Generator"/> against a <see cref="Models.Discriminator"/> (Goodfellow et al.,
/// 2014; Radford et al., 2015). Created by <see cref="DcganBuilder.Build"/>.
/// </summary>
/// <remarks>
/// <para>Each step: the discriminator learns on a real batch (target 1) and a detached generated batch
/// (target 0); then the generator learns with the non-saturating loss (generated batch, target 1).
/// Both losses are binary cross-entropy on logits; both networks use Adam.</para>
/// <para>The data set is loaded once into one tensor on the device; each epoch draws a seeded
/// permutation and batches are gathered by index. Every step runs in its own dispose scope, so memory
/// stays flat. Given the same seed, thread count and device (CPU), two runs give identical weights.</para>
/// <para>Ownership: the trainer owns both networks and both optimizers. After <see cref="Train"/> the
/// generator belongs to the returned <see cref="TrainingResult"/>; the rest is released by
/// <see cref="Dispose"/>. A trainer trains once.</para>
/// </remarks>
public sealed class AdversarialTrainer : IDisposable
{
    private readonly DcganOptions options;
    private readonly IImageDataSource source;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly Device device;
    private readonly Discriminator discriminator;
    private readonly Adam generatorOptimizer;
    private readonly Adam discriminatorOptimizer;
    private readonly CheckpointState? resumed;
    private readonly GeneratorAverage? average;
    private readonly WorkingCopy? workingGenerator;
    private readonly WorkingCopy? workingDiscriminator;
    private Generator? generator;
    private bool started;
    private bool disposed;

    internal AdversarialTrainer(DcganOptions options, IImageDataSource source, ILoggerFactory loggerFactory, TimeProvider time)
    {
        this.options = options;
        this.source = source;
        this.time = time;
        logger = loggerFactory.CreateLogger<AdversarialTrainer>();
        device = ResolveDevice(options.Runtime.Device);

        // Distinct seeds per consumer keep the streams independent and each reproducible on its own.
        generator = new Generator(options.Architecture, options.Optimization.Seed);
        discriminator = new Discriminator(options.Architecture, options.Optimization.Seed + 1);
        generator.to(device);
        discriminator.to(device);
        generatorOptimizer = optim.Adam(generator.parameters(), options.Optimization.GeneratorLearningRate, options.Optimization.Beta1, options.Optimization.Beta2);
        discriminatorOptimizer = optim.Adam(discriminator.parameters(), options.Optimization.DiscriminatorLearningRate, options.Optimization.Beta1, options.Optimization.Beta2);

        if (options.Optimization.GeneratorAverageDecay is double decay)
            average = new GeneratorAverage(generator, decay, device);

        if (options.Checkpoints.ResumeFrom is not null)
        {
            try
            {
                resumed = TrainingCheckpoint.Restore(options.Checkpoints.ResumeFrom, generator, average?.Model, discriminator, generatorOptimizer, discriminatorOptimizer);
            }
            catch
            {
                // A checkpoint refused half way must not leave the networks and optimizers it built to the finalizers.
                Dispose();
                throw;
            }
            Log.Resumed(logger, options.Checkpoints.ResumeFrom, resumed.Epoch, resumed.Step);
        }

        // Made from the (possibly restored) masters.
        if (options.Runtime.Precision == TrainingPrecision.BFloat16)
        {
            workingGenerator = new WorkingCopy(generator, new Generator(options.Architecture, seed: 0), ScalarType.BFloat16, device);
            workingDiscriminator = new WorkingCopy(discriminator, new Discriminator(options.Architecture, seed: 0), ScalarType.BFloat16, device);
        }
    }

    /// <summary>A copy of the validated settings this trainer runs with.</summary>
    public DcganOptions Options => options.Clone();

    /// <summary>The generator being trained. After <see cref="Train"/> it belongs to the result.</summary>
    /// <exception cref="InvalidOperationException">Training has finished and handed the generator to its result.</exception>
    public Generator Generator => generator ?? throw new InvalidOperationException("The generator now belongs to the TrainingResult returned by Train().");

    /// <summary>
    /// The generator whose images the run shows and saves: the weight average when one is kept (evaluation mode, no
    /// gradients), else <see cref="Generator"/> itself. Read it between steps, in a progress callback, to sample or score the
    /// run as it goes; it changes with every step. After <see cref="Train"/> it belongs to the result.
    /// </summary>
    /// <exception cref="InvalidOperationException">Training has finished and handed the generator to its result.</exception>
    public Generator SampleGenerator
    {
        get
        {
            Generator live = Generator; // throws once training has handed the generator on
            return average?.Model ?? live;
        }
    }

    /// <summary>The discriminator being trained; owned by this trainer.</summary>
    public Discriminator Discriminator => discriminator;

    /// <summary>Loads the data and trains for <see cref="DcganOptions.Epochs"/> epochs.</summary>
    /// <param name="progress">Receives a snapshot after every batch, on the training thread.</param>
    /// <param name="cancellationToken">Checked before every batch; cancellation returns within one batch. With checkpoints on, a
    /// checkpoint of the interrupted epoch (<c>checkpoint_epoch_NNN_step_SSSSSS</c>) is written first, and resuming from it
    /// continues exactly where training stopped.</param>
    /// <returns>The result, which owns the trained generator; dispose it when done.</returns>
    /// <exception cref="OperationCanceledException">Training was cancelled; files already written are complete.</exception>
    /// <exception cref="TrainingDivergedException">A loss became non-finite under <see cref="NonFiniteLossPolicy.Stop"/>.</exception>
    /// <exception cref="InvalidOperationException">The trainer has already trained, or the data is unusable.</exception>
    /// <exception cref="ObjectDisposedException">The trainer was disposed.</exception>
    public TrainingResult Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (started)
            throw new InvalidOperationException("This trainer has already trained; build a new one with a new DcganBuilder.");
        started = true;

        if (options.Runtime.Threads is int threads)
        {
            torch.set_num_threads(threads);
            Log.ThreadsSet(logger, threads);
        }

        long runStart = time.GetTimestamp();
        using ImageData data = LoadData(cancellationToken);
        using Tensor images = data.Images.to(device);
        using Tensor? labels = options.Architecture.Shape.IsConditional ? data.Labels!.to(device) : null;
        int batchSize = options.Optimization.BatchSize;
        // A step is one generator step: it takes as many real batches as the loss has critic steps.
        int batches = data.Count / (batchSize * options.Optimization.Loss.CriticStepsPerGeneratorStep);
        var rates = new LearningRateDecay(options.Optimization, options.Epochs, batches);

        using var random = new torch.Generator((ulong)(options.Optimization.Seed + 2));
        if (resumed is not null)
            random.set_state(resumed.RandomState);
        using Tensor fixedNoise = resumed?.FixedNoise.clone() ?? TorchImageGenerator.SampleNoise(options.Outputs.SampleCount, options.Architecture.Shape.LatentSize, options.Optimization.Seed + 3);
        double earlierSeconds = resumed?.TrainingSeconds ?? 0;

        if (ConvolutionBackend.OneDnnDisabled)
            Log.OneDnnConvolutionsDisabled(logger);
        Log.TrainingStarted(logger, device.ToString(), torch.get_num_threads(), CountParameters(Generator), CountParameters(discriminator),
            data.Count, options.Epochs, batches, batchSize);
        Log.ModelSummary(logger, ModelSummary.Of(Generator).ToString());
        Log.ModelSummary(logger, ModelSummary.Of(discriminator).ToString());

        var history = new List<EpochSummary>(resumed?.History ?? []);
        var health = new TrainingHealth(logger, options.Optimization.Loss);
        using var outputs = new TrainingOutputs(options, logger, time, resumed?.Step ?? 0);
        EpochPosition? interrupted = resumed?.Interrupted;
        if (interrupted is not null && interrupted.Order.shape[0] != data.Count)
            throw new InvalidDataException($"Checkpoint '{options.Checkpoints.ResumeFrom}' was interrupted in an epoch over {interrupted.Order.shape[0]} images, but the data source '{source.Description}' has {data.Count}; resume with the same data.");
        int epoch = 0, batch = 0;
        Activity? epochActivity = null;

        void WriteCheckpoint(int epochsDone, long stepsDone, EpochPosition? position)
        {
            string path = CheckpointFile.PathFor(options.Checkpoints.Directory!, epochsDone, position?.StepsDone);
            using Activity? checkpointActivity = TrainingTelemetry.StartCheckpoint(epochsDone, path);
            TrainingCheckpoint.Write(path, options, epochsDone, stepsDone, Generator, average?.Model, discriminator, generatorOptimizer, discriminatorOptimizer,
                random, fixedNoise, history, earlierSeconds + time.GetElapsedTime(runStart).TotalSeconds, source.Description, position);
            CheckpointFile.Prune(options.Checkpoints.Directory!, options.Checkpoints.Keep);
            outputs.Files.Add(path);
            Log.CheckpointWritten(logger, epochsDone, path);
        }

        try
        {
            for (epoch = (resumed?.Epoch ?? 0) + 1; epoch <= options.Epochs; epoch++)
            {
                epochActivity = TrainingTelemetry.StartEpoch(epoch, options.Epochs);
                long epochStart = time.GetTimestamp();
                // An interrupted epoch continues in its own order from its next step; later epochs shuffle afresh.
                var sums = interrupted?.Sums ?? new StepMetrics();
                int firstBatch = (interrupted?.StepsDone ?? 0) + 1;
                // Two handles: .to(device) returns a new one even on the same device, and both must be freed.
                using Tensor permutation = interrupted?.Order.clone() ?? randperm(data.Count, generator: random);
                using Tensor order = permutation.to(device);
                interrupted = null;
                for (batch = firstBatch; batch <= batches; batch++)
                {
                    long stepIndex = (long)(epoch - 1) * batches + batch;
                    if (cancellationToken.IsCancellationRequested)
                    {
                        // Stop at a step boundary and keep what this session trained: the next resume continues from here.
                        if (options.Checkpoints.Directory is not null)
                            WriteCheckpoint(epoch - 1, stepIndex - 1, new EpochPosition(permutation, batch - 1, sums));
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    rates.Apply(stepIndex, generatorOptimizer, discriminatorOptimizer);
                    StepMetrics? outcome = Step(images, labels, order, batch - 1, stepIndex, random, out string? nonFinite);
                    if (outcome is not StepMetrics step)
                    {
                        if (options.Runtime.NonFiniteLoss == NonFiniteLossPolicy.SkipBatch)
                        {
                            Log.NonFiniteBatchSkipped(logger, nonFinite!, epoch, stepIndex);
                            continue;
                        }
                        Log.NonFiniteLoss(logger, epoch, stepIndex, nonFinite!);
                        throw new TrainingDivergedException(epoch, stepIndex, nonFinite!);
                    }
                    sums = sums.Add(step);
                    TrainingTelemetry.RecordStep(step, batchSize * options.Optimization.Loss.CriticStepsPerGeneratorStep);
                    TrainingProgress snapshot = Snapshot(sums, epoch, batch, batches, batch - firstBatch + 1, epochStart, runStart);
                    outputs.OnStep(stepIndex, epoch, batch, step, snapshot.ImagesPerSecond, earlierSeconds + snapshot.Elapsed.TotalSeconds);
                    progress?.Report(snapshot);
                }

                EpochSummary summary = Summarise(sums, epoch, batches - firstBatch + 1, epochStart);
                health.Check(summary, history.Count > 0 ? history[^1] : null);
                history.Add(summary);
                TrainingTelemetry.RecordEpoch(summary);
                TrainingTelemetry.EndEpoch(epochActivity, summary);
                epochActivity = null;
                Log.EpochCompleted(logger, epoch, options.Epochs, summary.DiscriminatorLoss, summary.GeneratorLoss, summary.RealScore,
                    summary.FakeScore, summary.ImagesPerSecond, time.GetElapsedTime(runStart).TotalSeconds);

                outputs.OnEpochEnd(epoch, (long)epoch * batches, SampleGenerator, fixedNoise);
                if (options.Checkpoints.Directory is not null && (epoch % options.Checkpoints.Interval == 0 || epoch == options.Epochs))
                    WriteCheckpoint(epoch, (long)epoch * batches, position: null);
            }
        }
        catch (OperationCanceledException)
        {
            TrainingTelemetry.Fail(epochActivity, "cancelled");
            Log.TrainingCancelled(logger, epoch, batch);
            throw;
        }
        catch (Exception ex)
        {
            TrainingTelemetry.Fail(epochActivity, ex.Message);
            throw;
        }

        EpochSummary? last = history.Count > 0 ? history[^1] : null;
        SampleGenerator.Training = new TrainingSummary(history.Count, (long)history.Count * batches, options.Optimization.Seed, batchSize, source.Description,
            last?.DiscriminatorLoss ?? double.NaN, last?.GeneratorLoss ?? double.NaN, earlierSeconds + time.GetElapsedTime(runStart).TotalSeconds, ModelMetadata.LibraryVersion);
        string? generatorPath = outputs.OnFinished(SampleGenerator, discriminator);

        TimeSpan elapsed = time.GetElapsedTime(runStart);
        Log.TrainingCompleted(logger, options.Epochs, elapsed.TotalSeconds, outputs.Spent.TotalSeconds);
        Generator trained = average?.Release() ?? Generator;
        if (average is not null)
            Generator.Dispose(); // the raw weights live on in the checkpoints; the result holds the average
        trained.eval();
        generator = null;
        return new TrainingResult(trained, history, outputs.Files, elapsed, generatorPath, outputs.Spent);
    }

    /// <summary>Releases the discriminator, the optimizers and, unless training handed it on, the generator. Idempotent.</summary>
    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        generatorOptimizer.Dispose();
        discriminatorOptimizer.Dispose();
        discriminator.Dispose();
        workingGenerator?.Dispose();
        workingDiscriminator?.Dispose();
        resumed?.Dispose();
        average?.Dispose();
        generator?.Dispose();
        generator = null;
    }

    private ImageData LoadData(CancellationToken cancellationToken)
    {
        long start = time.GetTimestamp();
        int imageSize = options.Architecture.Shape.ImageSize;
        ImageData data = source.Load(imageSize, cancellationToken);
        if (data.ImageSize != imageSize || data.Channels != options.Architecture.Shape.Channels)
        {
            data.Dispose();
            throw new InvalidOperationException(
                $"The data source '{source.Description}' returned {data.Channels}-channel {data.ImageSize}x{data.ImageSize} images; expected {options.Architecture.Shape.Channels}-channel {imageSize}x{imageSize}.");
        }
        if (options.Architecture.Shape.IsConditional)
            CheckLabels(data);
        int perStep = options.Optimization.BatchSize * options.Optimization.Loss.CriticStepsPerGeneratorStep;
        if (data.Count < perStep)
        {
            int count = data.Count;
            data.Dispose();
            throw new InvalidOperationException(
                $"The data source '{source.Description}' has {count} images, fewer than one step's {perStep} ({options.Optimization.Loss.CriticStepsPerGeneratorStep} critic batches of {options.Optimization.BatchSize}); lower the batch size or supply more images.");
        }
        Log.DataLoaded(logger, source.Description, imageSize, (long)time.GetElapsedTime(start).TotalMilliseconds);
        return data;
    }

    private void CheckLabels(ImageData data)
    {
        int classes = options.Architecture.Shape.ClassCount;
        string problem;
        if (data.Labels is not Tensor labels)
        {
            problem = "has no labels";
        }
        else
        {
            long lowest = labels.min().item<long>(), highest = labels.max().item<long>();
            if (lowest >= 0 && highest < classes)
                return;
            problem = $"has labels from {lowest} to {highest}";
        }
        data.Dispose();
        throw new InvalidOperationException(
            $"Class conditioning on {classes} classes needs every image labelled from 0 to {classes - 1}, but the data source '{source.Description}' {problem}.");
    }

    /// <summary>
    /// One generator step after the loss's critic steps; null (and which loss) when a loss is not finite, in which
    /// case the optimizer of that loss did not step.
    /// </summary>
    private StepMetrics? Step(Tensor images, Tensor? labels, Tensor order, int batchIndex, long runStep, torch.Generator random, out string? nonFinite)
    {
        using var scope = NewDisposeScope();
        AdversarialLoss loss = options.Optimization.Loss;
        int criticSteps = loss.CriticStepsPerGeneratorStep;
        // With a working precision the passes run on the working copies, and scores come back as float32 for the losses.
        Generator g = (Generator?)workingGenerator?.Module ?? Generator;
        Discriminator d = (Discriminator?)workingDiscriminator?.Module ?? discriminator;
        ScalarType? working = workingGenerator?.Type;
        Tensor AsWorking(Tensor x) => working is ScalarType type ? x.to(type) : x;
        Tensor? fake = null, fakeLabels = null, discriminatorLoss = null, realLogits = null, fakeLogits = null;
        Tensor Score(Tensor x, Tensor? y)
        {
            Tensor logits = y is null ? d.call(x) : d.forward(x, y);
            return working is null ? logits : logits.to(ScalarType.Float32);
        }
        // A conditional pair sees each fake with a label drawn uniformly; the draw comes after the noise so that
        // unconditional runs keep their random stream.
        (Tensor Noise, Tensor? Labels) DrawLatents() =>
            (AsWorking(randn([options.Optimization.BatchSize, options.Architecture.Shape.LatentSize, 1, 1], generator: random).to(device)),
             labels is null ? null : randint(options.Architecture.Shape.ClassCount, [options.Optimization.BatchSize], ScalarType.Int64, generator: random).to(device));
        // Checked before the optimizer steps, so a bad batch never reaches the weights.
        bool StepIfFinite(Tensor lossValue, torch.optim.Optimizer optimizer, WorkingCopy? copy)
        {
            optimizer.zero_grad();
            copy?.ZeroGradients();
            if (!lossValue.isfinite().item<bool>())
                return false;
            lossValue.backward();
            copy?.PushGradients();
            optimizer.step();
            copy?.PullWeights();
            return true;
        }

        for (int critic = 0; critic < criticSteps; critic++)
        {
            Tensor indices = order.narrow(0, ((long)batchIndex * criticSteps + critic) * options.Optimization.BatchSize, options.Optimization.BatchSize);
            // Pixel bytes (a memory-mapped cache, say) become values one batch at a time.
            Tensor real = AsWorking(TensorImages.ToValues(images.index_select(0, indices)));
            // A conditional pair sees each real image with its own label.
            (Tensor noise, fakeLabels) = DrawLatents();
            Tensor? realLabels = labels?.index_select(0, indices);

            realLogits = Score(real, realLabels);
            // Only the last critic step's images go on to train the generator; the others need no graph.
            bool last = critic == criticSteps - 1;
            using (IDisposable _ = last ? enable_grad() : no_grad())
                fake = g.call(noise, fakeLabels);
            Tensor detached = fake.detach();
            fakeLogits = Score(detached, fakeLabels);
            discriminatorLoss = loss.DiscriminatorLoss(new CriticBatch(real, detached, realLogits, fakeLogits, x => Score(x, realLabels), random));
            if (!StepIfFinite(discriminatorLoss, discriminatorOptimizer, workingDiscriminator))
            {
                nonFinite = "discriminator";
                return null;
            }
        }

        // Generator: through the updated discriminator, first on the last critic step's images, then on fresh noise.
        Tensor? generatorLoss = null;
        for (int generatorStep = 0; generatorStep < options.Optimization.GeneratorStepsPerBatch; generatorStep++)
        {
            if (generatorStep > 0)
            {
                (Tensor noise, fakeLabels) = DrawLatents();
                fake = g.call(noise, fakeLabels);
            }
            generatorLoss = loss.GeneratorLoss(Score(fake!, fakeLabels));
            if (!StepIfFinite(generatorLoss, generatorOptimizer, workingGenerator))
            {
                nonFinite = "generator";
                return null;
            }
        }
        workingGenerator?.PushBuffers();
        workingDiscriminator?.PushBuffers();
        average?.Update(runStep);

        using IDisposable noGrad = no_grad();
        // One device-to-host copy for all five numbers (those of the last critic step).
        float[] values = stack([
            discriminatorLoss!.detach(), generatorLoss!.detach(), loss.MeanScore(realLogits!), loss.MeanScore(fakeLogits!), loss.Accuracy(realLogits!, fakeLogits!),
        ]).cpu().data<float>().ToArray();
        nonFinite = null;
        return new StepMetrics(1, values[0], values[1], values[2], values[3], values[4]);
    }

    private TrainingProgress Snapshot(StepMetrics sums, int epoch, int batch, int batches, int batchesThisSession, long epochStart, long runStart)
    {
        TimeSpan elapsed = time.GetElapsedTime(runStart);
        double epochSeconds = time.GetElapsedTime(epochStart).TotalSeconds;
        long done = (long)(epoch - 1) * batches + batch;
        long total = (long)options.Epochs * batches;
        // A resumed run's clock starts at the resume, so the rates come from this session's steps only.
        long doneThisSession = done - (resumed?.Step ?? 0);
        TimeSpan remaining = TimeSpan.FromSeconds(elapsed.TotalSeconds / doneThisSession * (total - done));
        double rate = epochSeconds > 0 ? batchesThisSession * ImagesPerStep / epochSeconds : 0;
        return new TrainingProgress(epoch, options.Epochs, batch, batches, sums.DiscriminatorLoss / sums.Count, sums.GeneratorLoss / sums.Count,
            sums.RealScore / sums.Count, sums.FakeScore / sums.Count, rate, elapsed, remaining);
    }

    /// <summary>The epoch's means from <paramref name="sums"/>; its rate and duration count the <paramref name="batchesThisSession"/> steps this session took.</summary>
    private EpochSummary Summarise(StepMetrics sums, int epoch, int batchesThisSession, long epochStart)
    {
        TimeSpan duration = time.GetElapsedTime(epochStart);
        double rate = duration.TotalSeconds > 0 ? batchesThisSession * ImagesPerStep / duration.TotalSeconds : 0;
        return new EpochSummary(epoch, sums.DiscriminatorLoss / sums.Count, sums.GeneratorLoss / sums.Count, sums.RealScore / sums.Count,
            sums.FakeScore / sums.Count, sums.Accuracy / sums.Count, rate, duration);
    }

    /// <summary>Real images one step consumes: a batch per critic step.</summary>
    private double ImagesPerStep => (double)options.Optimization.BatchSize * options.Optimization.Loss.CriticStepsPerGeneratorStep;

    private static long CountParameters(nn.Module module) => module.parameters().Sum(p => p.numel());

    private static Device ResolveDevice(string name)
    {
        if (name.StartsWith("cuda", StringComparison.Ordinal) && !torch.cuda.is_available())
        {
            throw new InvalidOperationException(
                $"Device '{name}' was requested, but CUDA is not available to TorchSharp. Reference a CUDA backend package " +
                "(for example libtorch-cuda-12.8-linux-x64) in the application instead of libtorch-cpu, and run on a machine with an NVIDIA GPU and driver; or use 'cpu'.");
        }
        return torch.device(name);
    }
}
