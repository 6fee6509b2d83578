using System.Diagnostics;

namespace Dcgan.Benchmarks;

/// <summary>Timing helpers: run an action repeatedly after a warm-up and report the median.</summary>
internal static class Stats
{
    public static double MedianMilliseconds(int warmup, int repetitions, Action action)
    {
        for (int i = 0; i < warmup; i++)
            action();
        var samples = new double[repetitions];
        for (int i = 0; i < repetitions; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return Median(samples);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        double[] sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static double RssMegabytes() => Process.GetCurrentProcess().WorkingSet64 / 1048576.0;

    public static double PeakRssMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64 / 1048576.0;
    }

    public static string Cpu()
    {
        try
        {
            string? model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return model is null ? "unknown CPU" : model[(model.IndexOf(':') + 1)..].Trim() + $", {Environment.ProcessorCount} cores";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }
}
