using Microsoft.Extensions.Logging;

namespace Dcgan.Diagnostics;

/// <summary>
/// Every message Dcgan.Core logs, source-generated with stable event ids (listed in <c>docs/logging.md</c>).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information,
        "Training started on {Device} with {Threads} threads: generator {GeneratorParameters} parameters, discriminator {DiscriminatorParameters} parameters, {ImageCount} images, {Epochs} epochs of {BatchesPerEpoch} batches of {BatchSize}")]
    public static partial void TrainingStarted(ILogger logger, string device, int threads, long generatorParameters, long discriminatorParameters, int imageCount, int epochs, int batchesPerEpoch, int batchSize);

    [LoggerMessage(2, LogLevel.Information, "Loaded {Source} at {ImageSize}x{ImageSize} in {ElapsedMilliseconds} ms")]
    public static partial void DataLoaded(ILogger logger, string source, int imageSize, long elapsedMilliseconds);

    [LoggerMessage(3, LogLevel.Information,
        "Epoch {Epoch}/{Epochs}: D loss {DiscriminatorLoss:F4}, G loss {GeneratorLoss:F4}, D(x) {RealScore:F3}, D(G(z)) {FakeScore:F3}, {ImagesPerSecond:F0} images/s, {ElapsedSeconds:F1} s")]
    public static partial void EpochCompleted(ILogger logger, int epoch, int epochs, double discriminatorLoss, double generatorLoss, double realScore, double fakeScore, double imagesPerSecond, double elapsedSeconds);

    [LoggerMessage(4, LogLevel.Information, "Sample grid for epoch {Epoch} written to {Path}")]
    public static partial void SampleGridWritten(ILogger logger, int epoch, string path);

    [LoggerMessage(5, LogLevel.Information, "{Model} weights written to {Path}")]
    public static partial void ModelWritten(ILogger logger, string model, string path);

    [LoggerMessage(6, LogLevel.Information, "Training finished: {Epochs} epochs in {ElapsedSeconds:F1} s, of which {OutputSeconds:F2} s writing pictures and metrics")]
    public static partial void TrainingCompleted(ILogger logger, int epochs, double elapsedSeconds, double outputSeconds);

    [LoggerMessage(7, LogLevel.Warning, "Training cancelled at epoch {Epoch}, batch {Batch}")]
    public static partial void TrainingCancelled(ILogger logger, int epoch, int batch);

    [LoggerMessage(8, LogLevel.Error, "Non-finite {Loss} loss at epoch {Epoch}, step {Step}; training stopped")]
    public static partial void NonFiniteLoss(ILogger logger, int epoch, long step, string loss);

    [LoggerMessage(9, LogLevel.Debug, "libtorch thread count set to {Threads}")]
    public static partial void ThreadsSet(ILogger logger, int threads);

    [LoggerMessage(10, LogLevel.Information, "Checkpoint for epoch {Epoch} written to {Path}")]
    public static partial void CheckpointWritten(ILogger logger, int epoch, string path);

    [LoggerMessage(11, LogLevel.Information, "Resumed from {Path} after epoch {Epoch} (step {Step})")]
    public static partial void Resumed(ILogger logger, string path, int epoch, long step);

    [LoggerMessage(12, LogLevel.Information, "{Summary}")]
    public static partial void ModelSummary(ILogger logger, string summary);

    [LoggerMessage(13, LogLevel.Warning,
        "Epoch {Epoch}: mean discriminator loss {DiscriminatorLoss:F4} is below {Threshold}: the discriminator wins outright and the generator gets little gradient (risk of collapse). Try a lower discriminator learning rate.")]
    public static partial void DiscriminatorLossNearZero(ILogger logger, int epoch, double discriminatorLoss, double threshold);

    [LoggerMessage(14, LogLevel.Warning,
        "Epoch {Epoch}: mean generator loss {GeneratorLoss:F3} is exploding (previous epoch {PreviousGeneratorLoss:F3}). Check the learning rates and samples.")]
    public static partial void GeneratorLossExploding(ILogger logger, int epoch, double generatorLoss, double previousGeneratorLoss);

    [LoggerMessage(15, LogLevel.Information, "Progress animation with {Frames} frames written to {Path}")]
    public static partial void ProgressGifWritten(ILogger logger, int frames, string path);

    [LoggerMessage(16, LogLevel.Information, "Interpolation strip written to {Path}")]
    public static partial void InterpolationWritten(ILogger logger, string path);

    [LoggerMessage(17, LogLevel.Warning, "Non-finite {Loss} loss at epoch {Epoch}, step {Step}; the batch is skipped (no optimizer step)")]
    public static partial void NonFiniteBatchSkipped(ILogger logger, string loss, int epoch, long step);

    [LoggerMessage(18, LogLevel.Warning, "libtorch's oneDNN convolutions computed wrong numbers on this processor, so they are turned off for this process and ATen's own convolutions are used (see docs/performance.md)")]
    public static partial void OneDnnConvolutionsDisabled(ILogger logger);
}
