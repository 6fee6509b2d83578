using Dcgan.Tests;

namespace Dcgan.Cli.Tests;

/// <summary>The CLI's verbs end to end on real files, including what a user gets wrong.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Generate_MissingModel_ExitsWith2AndSaysWhichFile()
    {
        (int exitCode, string text) = CliProcess.Run("generate --model /nonexistent/generator.dcgan", TimeSpan.FromMinutes(1));

        exitCode.Should().Be(2);
        text.Should().Contain("/nonexistent/generator.dcgan").And.Contain("does not exist");
    }

    [Fact]
    public void Export_FileThatIsNotACheckpoint_ExitsWith2AndSaysWhy()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string notACheckpoint = Path.Combine(directory.Path, "notes.txt");
        File.WriteAllText(notACheckpoint, "hello");

        (int exitCode, string text) = CliProcess.Run($"export --checkpoint {notACheckpoint}", TimeSpan.FromMinutes(1));

        exitCode.Should().Be(2);
        text.Should().Contain("notes.txt");
    }

    [Fact]
    public void Train_InvalidSettings_ExitsWith2ListingEveryProblem()
    {
        (int exitCode, string text) = CliProcess.Run("train --epochs 0 --batch-size 1 --output /tmp/dcgan-never-written", TimeSpan.FromMinutes(1));

        exitCode.Should().Be(2);
        text.Should().Contain("Epochs").And.Contain("BatchSize");
        Directory.Exists("/tmp/dcgan-never-written/samples").Should().BeFalse();
    }
}
