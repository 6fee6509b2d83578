using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Dcgan.Tests.Fuzzing;

/// <summary>Fuzz runs measure time and memory, so they run alone: no other test of the assembly alongside.</summary>
[CollectionDefinition(nameof(FuzzCollection), DisableParallelization = true)]
public sealed class FuzzCollection;

/// <summary>What one reader's fuzz run did, for the test output and <c>docs/reliability.md</c>.</summary>
public sealed record FuzzReport(string Reader, int Inputs, int Loaded, int Refused, double Seconds, double SlowestMilliseconds, long LargestInputBytes, double PeakGrowthMegabytes)
{
    /// <summary>One row of the table in <c>docs/reliability.md</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"| {Reader} | {Inputs:N0} | {Loaded:N0} | {Refused:N0} | {Seconds:F1} s | {SlowestMilliseconds:F0} ms | {LargestInputBytes / 1024.0:N0} KiB | {PeakGrowthMegabytes:F0} MB |");
}

/// <summary>
/// Feeds inputs to a reader, one file each: every input must load or be refused with one of the documented exception
/// types, within a time limit. Any other outcome saves the input under <c>$TMPDIR/dcgan-fuzz-failures/READER/</c> (copy it
/// into <c>tests/fuzz-regressions/READER/</c> to keep it as a regression case) and fails. The regression folder is
/// replayed first on every run. The working set is sampled throughout; its peak above the start is reported.
/// </summary>
public static class FuzzRunner
{
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(30);

    /// <param name="reader">The reader's name: the regression folder and the report's row.</param>
    /// <param name="extension">The file extension the reader expects (some readers choose by it).</param>
    /// <param name="inputs">The generated inputs.</param>
    /// <param name="load">Reads the file at the path given; returns normally for a valid file.</param>
    /// <param name="refusals">The exception types the reader documents for bad files.</param>
    public static FuzzReport Run(string reader, string extension, IEnumerable<byte[]> inputs, Action<string> load, IReadOnlyList<Type> refusals, ITestOutputHelper output)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"dcgan-fuzz-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        string regressions = Path.Combine(TestData.RepositoryRoot, "tests", "fuzz-regressions", reader);
        IEnumerable<byte[]> replayed = Directory.Exists(regressions) ? Directory.GetFiles(regressions).Order(StringComparer.Ordinal).Select(File.ReadAllBytes) : [];

        long baseline = Environment.WorkingSet, peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), Environment.WorkingSet));
                await Task.Delay(5).ConfigureAwait(false);
            }
        });

        var failures = new List<string>();
        int count = 0, loaded = 0, refused = 0;
        long largest = 0;
        double slowest = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (byte[] input in replayed.Concat(inputs))
            {
                count++;
                largest = Math.Max(largest, input.Length);
                string path = Path.Combine(directory, $"input{extension}");
                File.WriteAllBytes(path, input);
                var one = Stopwatch.StartNew();
                // A thread of its own: on the thread pool the attempt could wait behind other tests' blocked work, and a
                // loaded 2-core CI once timed out an input that answers in milliseconds alone.
                Task attempt = Task.Factory.StartNew(() => load(path), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                string? problem = null;
                try
                {
                    if (attempt.Wait(PerInputLimit))
                        loaded++;
                    else
                        problem = $"no answer within {PerInputLimit.TotalSeconds} s";
                }
                catch (AggregateException ex) when (ex.InnerException is { } inner && refusals.Any(t => t.IsInstanceOfType(inner)))
                {
                    refused++;
                    if (!inner.Message.Contains(Path.GetFileName(path), StringComparison.Ordinal))
                        problem = $"{inner.GetType().Name} does not name the file: {inner.Message}";
                }
                catch (AggregateException ex)
                {
                    problem = $"{ex.InnerException!.GetType().FullName}: {ex.InnerException.Message}";
                }
                slowest = Math.Max(slowest, one.Elapsed.TotalMilliseconds);
                if (problem is not null)
                    failures.Add(Save(reader, input, count, problem));
                if (failures.Count >= 10)
                    break;
            }
        }
        finally
        {
            sampling.Cancel();
            sampler.Wait();
            Directory.Delete(directory, recursive: true);
        }

        var report = new FuzzReport(reader, count, loaded, refused, clock.Elapsed.TotalSeconds, slowest, largest, (Interlocked.Read(ref peak) - baseline) / 1048576.0);
        output.WriteLine(report.ToString());
        foreach (string failure in failures)
            output.WriteLine(failure);
        failures.Should().BeEmpty($"every input to {reader} must load or be refused with {string.Join(" or ", refusals.Select(t => t.Name))} naming the file");
        return report;
    }

    private static string Save(string reader, byte[] input, int index, string problem)
    {
        string folder = Path.Combine(Path.GetTempPath(), "dcgan-fuzz-failures", reader);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, $"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(input))[..16]}.bin");
        File.WriteAllBytes(path, input);
        return $"input {index} ({input.Length} bytes, saved as {path}): {problem}";
    }
}
