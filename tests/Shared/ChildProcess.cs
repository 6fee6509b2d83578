using System.Diagnostics;

namespace Dcgan.Tests;

/// <summary>Runs a program to completion, capturing everything it prints; kills it (and its children) past the timeout.</summary>
internal static class ChildProcess
{
    public static (int ExitCode, string Output) Run(string file, string arguments, TimeSpan timeout, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                info.Environment.Remove(name);
            else
                info.Environment[name] = value;
        }
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{file} {arguments}' did not finish within {timeout}.");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>
    /// Runs a program that must succeed: writes the command and everything it printed to <paramref name="output"/> and
    /// fails the test, quoting that, unless it exits 0 within 8 minutes.
    /// </summary>
    public static string RunSucceeding(Xunit.Abstractions.ITestOutputHelper output, string directory, string file, string arguments,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        (int exitCode, string text) = Run(file, arguments, TimeSpan.FromMinutes(8), directory, environment);
        output.WriteLine($"$ {file} {arguments}\n{text}");
        exitCode.Should().Be(0, $"'{file} {arguments}' in {directory} should succeed; it printed:\n{text}");
        return text;
    }
}
