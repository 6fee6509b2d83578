using System.Diagnostics;
using Dcgan.Tests;

namespace Dcgan.Cli.Tests;

/// <summary>Runs the built <c>dcgan</c> CLI (same configuration as the tests) as a child process.</summary>
internal static class CliProcess
{
    /// <summary>The build configuration of these tests, and so of the CLI they run.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string ProjectPath => Path.Combine(TestData.RepositoryRoot, "samples", "Dcgan.Cli", "Dcgan.Cli.csproj");

    public static string DllPath
    {
        get
        {
            string path = Path.Combine(Path.GetDirectoryName(ProjectPath)!, "bin", Configuration, "net10.0", "linux-x64", "dcgan.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The CLI is not built at '{path}'; build the solution first.", path);
        }
    }

    public static Process Start(string arguments)
    {
        var info = new ProcessStartInfo("dotnet", $"{DllPath} {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["DCGAN_MNIST_DIR"] = TestData.MnistDirectory;
        Process process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static (int ExitCode, string Output) Run(string arguments, TimeSpan timeout) =>
        ChildProcess.Run("dotnet", $"{DllPath} {arguments}", timeout, environment: new Dictionary<string, string?> { ["DCGAN_MNIST_DIR"] = TestData.MnistDirectory });
}
