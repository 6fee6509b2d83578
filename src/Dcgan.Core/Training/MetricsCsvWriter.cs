using System.Globalization;
using Dcgan.Persistence;

namespace Dcgan.Training;

/// <summary>
/// Appends training metrics to <c>metrics.csv</c>, flushing each row so a crash keeps what was measured.
/// Columns (documented in <c>docs/training.md</c>): <c>step,epoch,batch,discriminator_loss,generator_loss,
/// real_score,fake_score,discriminator_accuracy,images_per_second,elapsed_seconds</c>; the losses and scores
/// are the step's own values, not running means. A resumed run keeps the rows up to its checkpoint's step
/// and drops later ones, so no step appears twice.
/// </summary>
internal sealed class MetricsCsvWriter : IDisposable
{
    public const string Header = "step,epoch,batch,discriminator_loss,generator_loss,real_score,fake_score,discriminator_accuracy,images_per_second,elapsed_seconds";
    private readonly StreamWriter writer;

    public MetricsCsvWriter(string path, long keepUpToStep)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        string[] kept = keepUpToStep > 0 && File.Exists(path)
            ? File.ReadLines(path).Skip(1).Where(line => long.TryParse(line.Split(',')[0], CultureInfo.InvariantCulture, out long step) && step <= keepUpToStep).ToArray()
            : [];
        AtomicFile.Write(path, stream =>
        {
            using var initial = new StreamWriter(stream, leaveOpen: true);
            initial.WriteLine(Header);
            foreach (string line in kept)
                initial.WriteLine(line);
        });
        writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    }

    public void Append(long step, int epoch, int batch, StepMetrics metrics, double imagesPerSecond, double elapsedSeconds) =>
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{step},{epoch},{batch},{metrics.DiscriminatorLoss:R},{metrics.GeneratorLoss:R},{metrics.RealScore:R},{metrics.FakeScore:R},{metrics.Accuracy:R},{imagesPerSecond:F1},{elapsedSeconds:F3}"));

    public void Dispose() => writer.Dispose();
}
