using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dcgan.Persistence;

namespace Dcgan.Inference;

/// <summary>
/// Generation's metrics in the .NET way: the <see cref="System.Diagnostics.Metrics.Meter"/> named <see cref="Name"/>,
/// recorded by every backend of <see cref="IImageGenerator"/> (tag <c>dcgan.backend</c>: <c>torchsharp</c> or
/// <c>onnxruntime</c>). OpenTelemetry (<c>AddMeter("Dcgan.Generation")</c>) and <c>dotnet-counters</c> read it without
/// adapters; <c>docs/logging.md</c> lists the instruments.
/// </summary>
public static class GenerationTelemetry
{
    /// <summary>The name of the meter.</summary>
    public const string Name = "Dcgan.Generation";

    private static readonly Meter Meter = new(Name, ModelMetadata.LibraryVersion);
    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("dcgan.generation.requests", "{request}", "Calls to IImageGenerator.Generate, by backend and outcome (error.type on failures).");
    private static readonly Counter<long> Images = Meter.CreateCounter<long>("dcgan.generation.images", "{image}", "Images generated, by backend.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("dcgan.generation.duration", "s", "Time of one Generate call, by backend.");

    /// <summary>Measures one call of a backend's Generate: dispose the result when the call ends; call <see cref="Call.Succeeded"/> first if it did.</summary>
    internal static Call Start(string backend, int count) => new(backend, count, Stopwatch.GetTimestamp());

    /// <summary>One measured Generate call.</summary>
    internal sealed class Call(string backend, int count, long start) : IDisposable
    {
        private bool succeeded;

        public void Succeeded() => succeeded = true;

        public void Dispose()
        {
            var backendTag = new KeyValuePair<string, object?>("dcgan.backend", backend);
            if (succeeded)
            {
                Requests.Add(1, backendTag);
                Images.Add(count, backendTag);
            }
            else
            {
                Requests.Add(1, backendTag, new KeyValuePair<string, object?>("error.type", "exception"));
            }
            Duration.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, backendTag);
        }
    }
}
