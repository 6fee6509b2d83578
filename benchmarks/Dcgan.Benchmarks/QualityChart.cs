using System.Globalization;
using ScottPlot;

namespace Dcgan.Benchmarks;

/// <summary>
/// Draws several time-to-quality CSVs on one axis (training minutes against Fréchet distance, log scale) with ScottPlot
/// and prints the table for docs/performance.md: per run, the first minute at or under each threshold and the last point.
/// </summary>
internal static class QualityChart
{
    private static readonly double[] Thresholds = [200, 100, 80];

    public static void Run(IReadOnlyList<string> csvPaths, string pngPath)
    {
        Plot plot = Dcgan.Plotting.PlotFont.NewPlot();
        plot.Title("Time to quality on MNIST (2 CPU cores)");
        plot.XLabel("training minutes");
        plot.YLabel("Fréchet distance (log scale; lower is better)");

        Console.WriteLine($"| run | seed | {string.Join(" | ", Thresholds.Select(t => $"minutes to FD {t:F0}"))} | last point (minutes: FD, confidence, digit shares) |");
        Console.WriteLine($"| --- | --- | {string.Join(" | ", Thresholds.Select(_ => "---:"))} | --- |");
        IPalette palette = new ScottPlot.Palettes.Category10();
        int index = 0;
        foreach (string path in csvPaths)
        {
            IReadOnlyList<QualityCsv.Point> points = QualityCsv.Read(path);
            if (points.Count == 0)
                throw new InvalidDataException($"'{path}' holds no points.");
            QualityCsv.Point first = points[0], last = points[^1];
            var series = plot.Add.Scatter(points.Select(p => p.Minutes).ToArray(), points.Select(p => Math.Log10(p.FrechetDistance)).ToArray(), palette.GetColor(index++));
            series.LegendText = $"{first.Run}, seed {first.Seed}";
            series.LineWidth = 2;
            series.MarkerSize = 5;

            string Reached(double threshold) => points.FirstOrDefault(p => p.FrechetDistance <= threshold) is { } p ? p.Minutes.ToString("F1", CultureInfo.InvariantCulture) : "not reached";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {first.Run} | {first.Seed} | {string.Join(" | ", Thresholds.Select(Reached))} | {last.Minutes:F1}: {last.FrechetDistance:F1}, {last.Confidence:F3}, {last.SmallestShare:P1} to {last.LargestShare:P1} |"));
        }
        // Log10 values on a linear axis, labelled as distances.
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            new double[] { 10, 20, 50, 100, 200, 500, 1000, 2000 }.Select(v => new Tick(Math.Log10(v), v.ToString(CultureInfo.InvariantCulture))).ToArray());
        var target = plot.Add.HorizontalLine(2, 1, Colors.Gray, LinePattern.Dashed);
        target.LegendText = "Fréchet distance 100";
        plot.ShowLegend(Alignment.UpperRight);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pngPath))!);
        plot.SavePng(pngPath, 1000, 560);
        Console.WriteLine($"wrote {pngPath}");
    }
}
