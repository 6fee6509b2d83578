using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;

namespace Dcgan.WebDemo.Tests;

/// <summary>
/// Slow tier: the demo with the shipped pretrained generators on Kestrel (loopback), under 1, 4 and 16 concurrent
/// connections for a fixed time each, for 1-digit PNGs and 64-digit grids. No request may fail, the working set must
/// stay flat, and a client that stalls mid-request is dropped. The table goes to <c>docs/reliability.md</c>.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LoadTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RoundLength = TimeSpan.FromSeconds(8);
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task GetDigits_1To16ConcurrentConnections_NoErrorsAndFlatMemory()
    {
        using DemoFactory factory = DemoFactory.Pretrained();
        string address = factory.ServeOnLoopback();
        // Warm up both generators and the allocators, so that the rounds measure the steady state.
        await Round(address, 64, connections: 4, TimeSpan.FromSeconds(3));
        await Round(address, 1, connections: 4, TimeSpan.FromSeconds(2));

        long before = Environment.WorkingSet;
        output.WriteLine("| request | connections | requests/s | p50 | p99 | errors | CPU (cores) | working set before → after |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        var results = new List<RoundResult>();
        foreach (int count in new[] { 1, 64 })
        {
            foreach (int connections in new[] { 1, 4, 16 })
            {
                long start = Environment.WorkingSet;
                RoundResult result = await Round(address, count, connections, RoundLength);
                results.Add(result);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {(count == 1 ? "1 digit" : "64-digit grid")} | {connections} | {result.RequestsPerSecond:F0} | {result.P50:F1} ms | {result.P99:F1} ms | {result.Errors} | {result.Cores:F2} | {start / 1048576} → {Environment.WorkingSet / 1048576} MB |"));
            }
        }
        long after = Environment.WorkingSet;
        output.WriteLine($"working set: {before / 1048576} MB before the rounds, {after / 1048576} MB after");
        // The heaviest round again, twice: its first run grows the allocators' pools to its concurrency; from then on
        // the working set must stay where it is.
        var plateau = new List<long>();
        for (int repeat = 0; repeat < 2; repeat++)
        {
            RoundResult again = await Round(address, 64, connections: 16, RoundLength);
            results.Add(again);
            plateau.Add(Environment.WorkingSet);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"64-digit grids, 16 connections, again: {again.RequestsPerSecond:F0} requests/s, {again.Errors} errors, working set {Environment.WorkingSet / 1048576} MB"));
        }

        results.Sum(r => r.Errors).Should().Be(0);
        results.Should().OnlyContain(r => r.Requests > 0);
        (after - before).Should().BeLessThan(128L << 20, "serving does not accumulate memory");
        (plateau.Max() - after).Should().BeLessThan(32L << 20, "repeating the heaviest round does not grow the working set further");
    }

    [Fact]
    public async Task StalledClient_IsDisconnectedAfterTheHeaderTimeout()
    {
        using DemoFactory factory = DemoFactory.Pretrained();
        var uri = new Uri(factory.ServeOnLoopback());
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        NetworkStream stream = client.GetStream();
        // Half a request, then silence: the headers never end.
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /digits.png?count=256 HTTP/1.1\r\nHost: localhost\r\n"));

        var clock = Stopwatch.StartNew();
        byte[] buffer = new byte[4096];
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var response = new StringBuilder();
        int read;
        while ((read = await stream.ReadAsync(buffer, limit.Token)) > 0)
            response.Append(Encoding.ASCII.GetString(buffer, 0, read));
        output.WriteLine($"closed after {clock.Elapsed.TotalSeconds:F1} s: {response.ToString().Split('\n')[0]}");

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the server drops a client that stalls in its headers (10 s limit plus Kestrel's heartbeat)");
    }

    private sealed record RoundResult(int Requests, int Errors, double RequestsPerSecond, double P50, double P99, double Cores);

    /// <summary><paramref name="connections"/> clients, each on its own connection, requesting grids of <paramref name="count"/> digits back to back for <paramref name="length"/>.</summary>
    private static async Task<RoundResult> Round(string address, int count, int connections, TimeSpan length)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new List<double>();
        int errors = 0;
        TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            for (long seed = worker * 1_000_000L; clock.Elapsed < length; seed++)
            {
                var one = Stopwatch.StartNew();
                try
                {
                    using HttpResponseMessage response = await client.GetAsync($"/digits.png?count={count}&seed={seed}");
                    byte[] body = await response.Content.ReadAsByteArrayAsync();
                    bool ok = response.StatusCode == HttpStatusCode.OK && body.AsSpan().StartsWith(PngSignature);
                    lock (latencies)
                    {
                        latencies.Add(one.Elapsed.TotalMilliseconds);
                        if (!ok)
                            errors++;
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        double seconds = clock.Elapsed.TotalSeconds;
        double cores = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / seconds;
        latencies.Sort();
        return new RoundResult(latencies.Count, errors, latencies.Count / seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), cores);
    }

    private static double Percentile(List<double> sorted, double quantile) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(quantile * sorted.Count))];
}
