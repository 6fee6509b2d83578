using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dcgan.Persistence;

namespace Dcgan.Training;

/// <summary>
/// Training's metrics and traces in the .NET way: the <see cref="System.Diagnostics.Metrics.Meter"/> and the
/// <see cref="System.Diagnostics.ActivitySource"/> named <see cref="Name"/>, which OpenTelemetry
/// (<c>AddMeter("Dcgan.Training")</c>, <c>AddSource("Dcgan.Training")</c>) and <c>dotnet-counters monitor --counters
/// Dcgan.Training</c> read without adapters. Every instrument and tag is listed in <c>docs/logging.md</c>.
/// </summary>
public static class TrainingTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "Dcgan.Training";

    private static readonly Meter Meter = new(Name, ModelMetadata.LibraryVersion);

    /// <summary>The activity source of epochs (<c>dcgan.training.epoch</c>) and checkpoint writes (<c>dcgan.training.checkpoint</c>).</summary>
    internal static ActivitySource Source { get; } = new(Name, ModelMetadata.LibraryVersion);

    private static readonly Counter<long> Steps = Meter.CreateCounter<long>("dcgan.training.steps", "{step}", "Generator steps taken.");
    private static readonly Counter<long> Images = Meter.CreateCounter<long>("dcgan.training.images", "{image}", "Real images the discriminator has seen.");
    private static readonly Gauge<double> Loss = Meter.CreateGauge<double>("dcgan.training.loss", null, "The latest loss, by network (dcgan.network) and period (dcgan.period: step or epoch mean).");
    private static readonly Gauge<double> RealScore = Meter.CreateGauge<double>("dcgan.training.real_score", null, "D(x): the discriminator's score of real images, by period.");
    private static readonly Gauge<double> FakeScore = Meter.CreateGauge<double>("dcgan.training.fake_score", null, "D(G(z)): the discriminator's score of generated images before its update, by period.");
    private static readonly Gauge<double> Throughput = Meter.CreateGauge<double>("dcgan.training.throughput", "{image}/s", "Training images per second over the last epoch.");
    private static readonly Histogram<double> EpochDuration = Meter.CreateHistogram<double>("dcgan.training.epoch.duration", "s", "Wall time of an epoch, without sample writing.");

    private static readonly KeyValuePair<string, object?> Discriminator = new("dcgan.network", "discriminator");
    private static readonly KeyValuePair<string, object?> Generator = new("dcgan.network", "generator");
    private static readonly KeyValuePair<string, object?> Step = new("dcgan.period", "step");
    private static readonly KeyValuePair<string, object?> Epoch = new("dcgan.period", "epoch");

    internal static void RecordStep(StepMetrics step, int batchSize)
    {
        Steps.Add(1);
        Images.Add(batchSize);
        if (!Loss.Enabled && !RealScore.Enabled && !FakeScore.Enabled)
            return;
        Loss.Record(step.DiscriminatorLoss, Discriminator, Step);
        Loss.Record(step.GeneratorLoss, Generator, Step);
        RealScore.Record(step.RealScore, Step);
        FakeScore.Record(step.FakeScore, Step);
    }

    internal static void RecordEpoch(EpochSummary summary)
    {
        Loss.Record(summary.DiscriminatorLoss, Discriminator, Epoch);
        Loss.Record(summary.GeneratorLoss, Generator, Epoch);
        RealScore.Record(summary.RealScore, Epoch);
        FakeScore.Record(summary.FakeScore, Epoch);
        Throughput.Record(summary.ImagesPerSecond);
        EpochDuration.Record(summary.Duration.TotalSeconds);
    }

    /// <summary>Starts the span of an epoch (null when nobody listens).</summary>
    internal static Activity? StartEpoch(int epoch, int epochs)
    {
        Activity? activity = Source.StartActivity("dcgan.training.epoch");
        activity?.SetTag("dcgan.epoch", epoch);
        activity?.SetTag("dcgan.epochs", epochs);
        return activity;
    }

    /// <summary>Ends an epoch's span that an exception cut short, marking it failed.</summary>
    internal static void Fail(Activity? activity, string reason)
    {
        activity?.SetStatus(ActivityStatusCode.Error, reason);
        activity?.Dispose();
    }

    /// <summary>Ends an epoch's span with its numbers.</summary>
    internal static void EndEpoch(Activity? activity, EpochSummary summary)
    {
        if (activity is null)
            return;
        activity.SetTag("dcgan.discriminator_loss", summary.DiscriminatorLoss);
        activity.SetTag("dcgan.generator_loss", summary.GeneratorLoss);
        activity.SetTag("dcgan.images_per_second", summary.ImagesPerSecond);
        activity.Dispose();
    }

    /// <summary>Starts the span of a checkpoint write (null when nobody listens).</summary>
    internal static Activity? StartCheckpoint(int epoch, string path)
    {
        Activity? activity = Source.StartActivity("dcgan.training.checkpoint");
        activity?.SetTag("dcgan.epoch", epoch);
        activity?.SetTag("dcgan.path", path);
        return activity;
    }
}
