using System.Globalization;
using ScottPlot;

namespace Dcgan.Cli;

/// <summary>
/// Draws <c>losses.png</c> from a run's <c>metrics.csv</c> with ScottPlot: discriminator and generator loss
/// per step (raw, faint) and smoothed (moving average), and D(x) and D(G(z)) on the right axis.
/// </summary>
internal static class LossPlot
{

    public static void Write(string metricsPath, string pngPath, int window = 25)
    {
        MetricRows rows = Read(metricsPath);
        Plot plot = Dcgan.Plotting.PlotFont.NewPlot();
        plot.Title($"Training losses ({rows.Steps.Length} rows from {Path.GetFileName(metricsPath)})");
        plot.XLabel("step");
        plot.YLabel("loss (BCE)");

        AddSeries(plot, rows.Steps, rows.DiscriminatorLoss, Colors.Blue.WithAlpha(.25), null);
        AddSeries(plot, rows.Steps, rows.GeneratorLoss, Colors.Orange.WithAlpha(.25), null);
        AddSeries(plot, rows.Steps, Smooth(rows.DiscriminatorLoss, window), Colors.Blue, $"D loss (mean of {window})");
        AddSeries(plot, rows.Steps, Smooth(rows.GeneratorLoss, window), Colors.Orange, $"G loss (mean of {window})");

        var right = plot.Axes.Right;
        right.Label.Text = "probability";
        var real = AddSeries(plot, rows.Steps, Smooth(rows.RealScore, window), Colors.Green, "D(x)");
        var fake = AddSeries(plot, rows.Steps, Smooth(rows.FakeScore, window), Colors.Red, "D(G(z))");
        real.Axes.YAxis = right;
        fake.Axes.YAxis = right;
        right.Min = 0;
        right.Max = 1;

        plot.ShowLegend(Alignment.UpperRight);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(pngPath));
        Directory.CreateDirectory(directory!);
        plot.SavePng(pngPath, 1000, 560);
    }

    private static ScottPlot.Plottables.Scatter AddSeries(Plot plot, double[] x, double[] y, Color color, string? label)
    {
        var series = plot.Add.Scatter(x, y, color);
        series.MarkerSize = 0;
        series.LineWidth = label is null ? 1 : 2;
        if (label is not null)
            series.LegendText = label;
        return series;
    }

    private static double[] Smooth(double[] values, int window)
    {
        var result = new double[values.Length];
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += values[i];
            if (i >= window)
                sum -= values[i - window];
            result[i] = sum / Math.Min(i + 1, window);
        }
        return result;
    }

    private static MetricRows Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Metrics file '{path}' does not exist.", path);
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !lines[0].StartsWith("step,", StringComparison.Ordinal))
            throw new InvalidDataException($"'{path}' is not a Dcgan metrics file: expected a header starting with 'step,'.");
        string[] header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name) is int i and >= 0 ? i : throw new InvalidDataException($"'{path}' has no '{name}' column.");
        int step = Column("step"), d = Column("discriminator_loss"), g = Column("generator_loss"), real = Column("real_score"), fake = Column("fake_score");

        var rows = lines.Skip(1).Where(l => l.Length > 0).Select((line, index) =>
        {
            string[] cells = line.Split(',');
            double Cell(int column) => cells.Length > column && double.TryParse(cells[column], NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                ? v
                : throw new InvalidDataException($"'{path}' line {index + 2}: column {header[column]} is not a number.");
            return (Step: Cell(step), D: Cell(d), G: Cell(g), Real: Cell(real), Fake: Cell(fake));
        }).ToArray();
        if (rows.Length == 0)
            throw new InvalidDataException($"'{path}' has a header but no rows yet.");
        return new MetricRows(rows.Select(r => r.Step).ToArray(), rows.Select(r => r.D).ToArray(), rows.Select(r => r.G).ToArray(),
            rows.Select(r => r.Real).ToArray(), rows.Select(r => r.Fake).ToArray());
    }

    private sealed record MetricRows(double[] Steps, double[] DiscriminatorLoss, double[] GeneratorLoss, double[] RealScore, double[] FakeScore);
}
