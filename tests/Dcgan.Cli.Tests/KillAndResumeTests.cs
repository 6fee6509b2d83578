using Dcgan.Models;
using Dcgan.Tests;
using Xunit.Abstractions;

namespace Dcgan.Cli.Tests;

/// <summary>
/// Slow tier: the CLI's training is killed with SIGKILL at random moments, several times. After every
/// kill each checkpoint on disk must load, and training must resume from the newest one and reach the end.
/// </summary>
[Trait("Category", "Slow")]
public sealed class KillAndResumeTests(ITestOutputHelper output)
{
    [Fact]
    public void Train_KilledAtRandomMoments_AlwaysLeavesLoadableCheckpointsAndResumesToTheEnd()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string checkpoints = Path.Combine(directory.Path, "checkpoints");
        string common = $"train --epochs 6 --limit 1280 --batch-size 64 --threads 2 --seed 5 --output {directory.Path}";
        var random = new Random(11);

        for (int kill = 1; kill <= 3; kill++)
        {
            string? newest = Newest(checkpoints);
            int before = Checkpoints(checkpoints).Length;
            using var process = CliProcess.Start(newest is null ? common : $"{common} --resume {newest}");
            // Let the run make progress (a new checkpoint), then kill it at a random moment after that:
            // mid-epoch, mid-picture or mid-checkpoint.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!process.HasExited && Checkpoints(checkpoints).Length <= before && waited.Elapsed < TimeSpan.FromMinutes(3))
                Thread.Sleep(20);
            int delay = random.Next(0, 2000);
            bool exited = process.WaitForExit(delay);
            if (!exited)
                process.Kill(entireProcessTree: true); // SIGKILL on Linux: no chance to clean up
            process.WaitForExit();
            output.WriteLine($"kill {kill}: {delay} ms after checkpoint {before + 1} (exited by itself: {exited}); checkpoints: {string.Join(", ", Checkpoints(checkpoints).Select(Path.GetFileName))}");

            foreach (string checkpoint in Checkpoints(checkpoints))
            {
                using Generator generator = Dcgan.Persistence.CheckpointFile.LoadGenerator(checkpoint);
                generator.Training!.Epochs.Should().BeInRange(1, 6);
            }
        }

        string? last = Newest(checkpoints);
        (int exitCode, string text) = CliProcess.Run(last is null ? common : $"{common} --resume {last}", TimeSpan.FromMinutes(5));
        output.WriteLine(text);
        exitCode.Should().Be(0, text);
        using Generator final = Dcgan.Persistence.GeneratorFile.Load(Path.Combine(directory.Path, "generator.dcgan"));
        final.Training!.Epochs.Should().Be(6);
        Directory.GetFiles(Path.Combine(directory.Path, "samples"), "epoch_*.png").Should().HaveCount(6);
    }

    [Fact]
    public void Train_StoppedBySigtermMidEpoch_ExitsWithinSecondsAndResumesToTheSameGeneratorAsAnUninterruptedRun()
    {
        using var straight = TestData.CreateTemporaryDirectory();
        using var stopped = TestData.CreateTemporaryDirectory();
        string common = "train --epochs 2 --limit 1280 --batch-size 64 --threads 2 --seed 5";
        (int straightExit, string straightText) = CliProcess.Run($"{common} --output {straight.Path}", TimeSpan.FromMinutes(5));
        straightExit.Should().Be(0, straightText);

        string checkpoints = Path.Combine(stopped.Path, "checkpoints");
        using (var process = CliProcess.Start($"{common} --output {stopped.Path}"))
        {
            // Into the second epoch, then a moment more: the signal lands mid-epoch, mid-picture or mid-checkpoint.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!process.HasExited && Checkpoints(checkpoints).Length == 0 && waited.Elapsed < TimeSpan.FromMinutes(3))
                Thread.Sleep(20);
            Thread.Sleep(new Random(3).Next(200, 1500));
            process.HasExited.Should().BeFalse("the run must still be training when the signal comes");
            var signalled = System.Diagnostics.Stopwatch.StartNew();
            using (var kill = System.Diagnostics.Process.Start("kill", $"-TERM {process.Id}"))
                kill.WaitForExit();
            process.WaitForExit(30_000).Should().BeTrue("SIGTERM stops training within one step and a checkpoint write");
            output.WriteLine($"stopped {signalled.ElapsedMilliseconds} ms after SIGTERM; checkpoints: {string.Join(", ", Checkpoints(checkpoints).Select(Path.GetFileName))}");
            process.ExitCode.Should().Be(143);
        }

        string interrupted = Newest(checkpoints)!;
        Path.GetFileName(interrupted).Should().MatchRegex(@"^checkpoint_epoch_001_step_\d{6}\.dcgan-ckpt$");
        (int exitCode, string text) = CliProcess.Run($"{common} --output {stopped.Path} --resume {interrupted}", TimeSpan.FromMinutes(5));
        exitCode.Should().Be(0, text);

        using Generator expected = Dcgan.Persistence.GeneratorFile.Load(Path.Combine(straight.Path, "generator.dcgan"));
        using Generator actual = Dcgan.Persistence.GeneratorFile.Load(Path.Combine(stopped.Path, "generator.dcgan"));
        Dictionary<string, TorchSharp.torch.Tensor> actualState = actual.state_dict();
        foreach ((string name, TorchSharp.torch.Tensor tensor) in expected.state_dict())
            actualState[name].eq(tensor).all().item<bool>().Should().BeTrue($"tensor '{name}' must be bit-identical after the stop and resume");
    }

    private static string[] Checkpoints(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "checkpoint_epoch_*.dcgan-ckpt").Order(StringComparer.Ordinal).ToArray() : [];

    private static string? Newest(string directory) => Checkpoints(directory).LastOrDefault();
}
