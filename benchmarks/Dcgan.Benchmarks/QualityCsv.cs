using System.Globalization;
using Dcgan.Mnist.Evaluation;

namespace Dcgan.Benchmarks;

/// <summary>
/// The time-to-quality table: one row per scored point (run, seed, training minutes, step, Fréchet distance, classifier
/// score, confidence, smallest and largest digit share), flushed row by row so that a stopped run keeps its points.
/// </summary>
internal sealed class QualityCsv : IDisposable
{
    public const string Header = "run,seed,minutes,step,frechet_distance,classifier_score,confidence,smallest_share,largest_share";

    private readonly StreamWriter writer;
    private readonly string run;
    private readonly long seed;

    public QualityCsv(string path, string run, long seed)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        writer = new StreamWriter(path, append: false) { AutoFlush = true };
        writer.WriteLine(Header);
        this.run = run;
        this.seed = seed;
    }

    public void Add(double minutes, long step, MnistEvaluation e) =>
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{run},{seed},{minutes:F3},{step},{e.FrechetDistance:F3},{e.ClassifierScore:F3},{e.MeanConfidence:F4},{e.ClassFractions.Min():F4},{e.ClassFractions.Max():F4}"));

    public static string Describe(MnistEvaluation e) => string.Create(CultureInfo.InvariantCulture,
        $"Fréchet distance {e.FrechetDistance:F1}, score {e.ClassifierScore:F2}, confidence {e.MeanConfidence:F3}, digits {e.ClassFractions.Min():P1} to {e.ClassFractions.Max():P1}");

    /// <summary>One point read back.</summary>
    public sealed record Point(string Run, long Seed, double Minutes, long Step, double FrechetDistance, double ClassifierScore, double Confidence, double SmallestShare, double LargestShare);

    public static IReadOnlyList<Point> Read(string path) =>
        File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            string[] f = line.Split(',');
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            return new Point(f[0], long.Parse(f[1], CultureInfo.InvariantCulture), D(2), long.Parse(f[3], CultureInfo.InvariantCulture), D(4), D(5), D(6), D(7), D(8));
        }).ToList();

    public void Dispose() => writer.Dispose();
}
