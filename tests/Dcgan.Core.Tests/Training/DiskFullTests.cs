using System.Diagnostics;
using Dcgan.Persistence;
using Dcgan.Tests;
using Xunit.Abstractions;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Core.Tests.Training;

/// <summary>
/// Slow tier: training writes its outputs and checkpoints to a real, small file system (a tmpfs mounted for the test)
/// until it is full. The error names the file it could not write, no partial file is left, every checkpoint already
/// written loads, and training resumes from the newest one elsewhere.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DiskFullTests(ITestOutputHelper output)
{
    private static DcganBuilder Tiny(int epochs) => TinyTraining.Builder(epochs);

    [TmpfsMountFact]
    public void Train_DiskFillsUpMidRun_NamesTheFileAndTheLastCheckpointResumes()
    {
        using var root = TestData.CreateTemporaryDirectory();
        // Measure what one epoch writes (pictures, metrics, checkpoint, final models), then give the run room for about
        // three times that: a few epochs fit, forty do not.
        string measured = Path.Combine(root.Path, "measured");
        Tiny(1).WithOutputDirectory(measured).WithCheckpoints(Path.Combine(measured, "checkpoints")).Train().Dispose();
        long oneEpoch = Directory.GetFiles(measured, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        long size = (3 * oneEpoch + 4095) / 4096 * 4096;
        output.WriteLine($"one epoch writes {oneEpoch:N0} bytes; the file system holds {size:N0}");
        string small = Path.Combine(root.Path, "small");
        Directory.CreateDirectory(small);
        Run("mount", $"-t tmpfs -o size={size} tmpfs {small}");
        try
        {
            string checkpoints = Path.Combine(small, "checkpoints");
            Action train = () => Tiny(40).WithOutputDirectory(small).WithCheckpoints(checkpoints, everyEpochs: 1, keep: 100).Train().Dispose();

            IOException error = train.Should().Throw<IOException>().Which;
            output.WriteLine(error.Message);
            error.Message.Should().Contain(small).And.Contain("No space left on device");
            Directory.GetFiles(small, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty("a failed write removes its temporary file");

            string[] written = Directory.GetFiles(checkpoints, "checkpoint_epoch_*.dcgan-ckpt").Order(StringComparer.Ordinal).ToArray();
            output.WriteLine($"checkpoints on the full disk: {string.Join(", ", written.Select(Path.GetFileName))}");
            written.Should().NotBeEmpty();
            foreach (string checkpoint in written)
            {
                using Generator generator = CheckpointFile.LoadGenerator(checkpoint);
                generator.Training!.Epochs.Should().BeGreaterThan(0);
            }

            using var roomy = TestData.CreateTemporaryDirectory();
            using var resumed = Tiny(written.Length + 1).WithResumeFrom(written[^1]).WithOutputDirectory(roomy.Path).Train();
            resumed.Generator.Training!.Epochs.Should().Be(written.Length + 1);
        }
        finally
        {
            Run("umount", small);
        }
    }

    private static void Run(string file, string arguments)
    {
        using Process process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, $"{file} {arguments}: {error}");
    }
}
