using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dcgan.Inference;
using Dcgan.Tests;
using Dcgan.Training;

namespace Dcgan.Core.Tests.Training;

/// <summary>Meters and listeners are process-wide: these tests run alone, after the parallel ones, so they see only their own run.</summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>The training and generation instruments, read back with MeterListener and ActivityListener as OpenTelemetry would.</summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests
{
    private sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    private static (List<Measurement> Measurements, MeterListener Listener) Listen(string meter)
    {
        var measurements = new List<Measurement>();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == meter)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (KeyValuePair<string, object?> tag in tags)
                copy[tag.Key] = tag.Value;
            lock (measurements)
                measurements.Add(new Measurement(instrument.Name, value, copy));
        }
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
        return (measurements, listener);
    }

    private static (List<Activity> Activities, ActivityListener Listener) ListenToActivities()
    {
        var activities = new List<Activity>();
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TrainingTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (activities) activities.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        return (activities, listener);
    }

    [Fact]
    public void Train_RecordsStepsImagesLossesScoresThroughputAndEpochSpans()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        (List<Activity> activities, ActivityListener activityListener) = ListenToActivities();
        using IDisposable _ = activityListener;
        (List<Measurement> measurements, MeterListener listener) = Listen(TrainingTelemetry.Name);

        TrainingResult result;
        using (listener)
        {
            result = new DcganBuilder().WithDataSource(EmojiSubsetSource.First(64)).WithFeatureMaps(8, 8).WithLatentSize(16)
                .WithBatchSize(16).WithEpochs(2).WithSeed(3).WithThreads(1).WithCheckpoints(directory.Path).Train();
        }

        using (result)
        {
            double Sum(string name) => measurements.Where(m => m.Instrument == name).Sum(m => m.Value);
            Measurement[] Of(string name, string period) => [.. measurements.Where(m => m.Instrument == name && Equals(m.Tags.GetValueOrDefault("dcgan.period"), period))];

            Sum("dcgan.training.steps").Should().Be(8, "2 epochs of 4 steps");
            Sum("dcgan.training.images").Should().Be(128);
            Of("dcgan.training.loss", "step").Should().HaveCount(16, "a discriminator and a generator loss per step");
            Of("dcgan.training.real_score", "step").Should().HaveCount(8).And.OnlyContain(m => m.Value > 0 && m.Value < 1);
            Measurement[] epochLosses = Of("dcgan.training.loss", "epoch");
            epochLosses.Where(m => Equals(m.Tags["dcgan.network"], "discriminator")).Select(m => m.Value)
                .Should().Equal(result.History.Select(e => e.DiscriminatorLoss));
            epochLosses.Where(m => Equals(m.Tags["dcgan.network"], "generator")).Select(m => m.Value)
                .Should().Equal(result.History.Select(e => e.GeneratorLoss));
            measurements.Where(m => m.Instrument == "dcgan.training.throughput").Select(m => m.Value).Should().Equal(result.History.Select(e => e.ImagesPerSecond));
            measurements.Where(m => m.Instrument == "dcgan.training.epoch.duration").Select(m => m.Value).Should().Equal(result.History.Select(e => e.Duration.TotalSeconds));

            Activity[] epochs = [.. activities.Where(a => a.OperationName == "dcgan.training.epoch")];
            epochs.Select(a => a.GetTagItem("dcgan.epoch")).Should().Equal(1, 2);
            epochs.Should().OnlyContain(a => a.Status != ActivityStatusCode.Error && a.Duration > TimeSpan.Zero);
            epochs[1].GetTagItem("dcgan.generator_loss").Should().Be(result.History[1].GeneratorLoss);
            activities.Where(a => a.OperationName == "dcgan.training.checkpoint").Select(a => Path.GetFileName((string)a.GetTagItem("dcgan.path")!))
                .Should().Equal("checkpoint_epoch_001.dcgan-ckpt", "checkpoint_epoch_002.dcgan-ckpt");
        }
    }

    [Fact]
    public void Train_Cancelled_EndsTheEpochSpanAsAnError()
    {
        (List<Activity> activities, ActivityListener activityListener) = ListenToActivities();
        using IDisposable _ = activityListener;
        using var cancellation = new CancellationTokenSource();
        var progress = new Progress(() => cancellation.Cancel());

        Action act = () => new DcganBuilder().WithDataSource(EmojiSubsetSource.First(64)).WithFeatureMaps(8, 8).WithLatentSize(16)
            .WithBatchSize(16).WithEpochs(2).WithThreads(1).Train(progress, cancellation.Token).Dispose();

        act.Should().Throw<OperationCanceledException>();
        activities.Should().ContainSingle(a => a.OperationName == "dcgan.training.epoch")
            .Which.Status.Should().Be(ActivityStatusCode.Error);
    }

    [Fact]
    public void Generate_OnTorchSharp_CountsRequestsImagesAndTime()
    {
        using TrainingResult result = new DcganBuilder().WithDataSource(EmojiSubsetSource.First(32)).WithFeatureMaps(8, 8).WithLatentSize(16)
            .WithBatchSize(16).WithEpochs(1).WithThreads(1).Train();
        (List<Measurement> measurements, MeterListener listener) = Listen(GenerationTelemetry.Name);

        using (listener)
        {
            result.ImageGenerator.Generate(new float[3 * 16]);
            result.ImageGenerator.Generate(new float[16]);
        }

        measurements.Where(m => m.Instrument == "dcgan.generation.requests").Should().HaveCount(2)
            .And.OnlyContain(m => Equals(m.Tags["dcgan.backend"], "torchsharp") && !m.Tags.ContainsKey("error.type"));
        measurements.Where(m => m.Instrument == "dcgan.generation.images").Select(m => m.Value).Should().Equal(3, 1);
        measurements.Where(m => m.Instrument == "dcgan.generation.duration").Should().HaveCount(2).And.OnlyContain(m => m.Value > 0);
    }

    /// <summary>Cancels after the first batch, synchronously (Progress&lt;T&gt; would post to another thread).</summary>
    private sealed class Progress(Action onFirst) : IProgress<TrainingProgress>
    {
        private bool done;

        public void Report(TrainingProgress value)
        {
            if (done)
                return;
            done = true;
            onFirst();
        }
    }
}
