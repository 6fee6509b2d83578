using System.Diagnostics.Metrics;
using Dcgan.Inference;
using Dcgan.Pretrained;

namespace Dcgan.Onnx.Tests;

/// <summary>Meters are process-wide: this runs alone, after the parallel tests, so it sees only its own calls.</summary>
[CollectionDefinition(nameof(GenerationTelemetryTests), DisableParallelization = true)]
public sealed class GenerationTelemetryCollection;

[Collection(nameof(GenerationTelemetryTests))]
public sealed class GenerationTelemetryTests
{
    [Fact]
    public void Generate_OnOnnxRuntime_CountsRequestsImagesAndTimeTaggedWithTheBackend()
    {
        using OnnxImageGenerator generator = OnnxImageGenerator.Load(PretrainedGenerators.Open(PretrainedGenerators.Mnist), threads: 1);
        var seen = new List<(string Instrument, double Value, string? Backend)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == GenerationTelemetry.Name)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? backend = null;
            foreach (KeyValuePair<string, object?> tag in tags)
                backend = tag.Key == "dcgan.backend" ? (string?)tag.Value : backend;
            seen.Add((instrument.Name, value, backend));
        }
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();

        generator.Generate(StandardNormalNoise.Sample(5, 100, 1));

        seen.Should().OnlyContain(m => m.Backend == "onnxruntime");
        seen.Where(m => m.Instrument == "dcgan.generation.requests").Select(m => m.Value).Should().Equal(1);
        seen.Where(m => m.Instrument == "dcgan.generation.images").Select(m => m.Value).Should().Equal(5);
        seen.Where(m => m.Instrument == "dcgan.generation.duration").Should().ContainSingle().Which.Value.Should().BePositive();
    }
}
