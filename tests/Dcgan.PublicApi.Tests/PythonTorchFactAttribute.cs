using System.Diagnostics;

namespace Dcgan.PublicApi.Tests;

/// <summary>
/// A fact that needs Debian's PyTorch (<c>/usr/bin/python3</c> with <c>python3-torch</c>). Under CI
/// (<c>CI=true</c>, where <c>.ci/run</c> installs it) it always runs, so a missing install fails the build;
/// on a developer machine without it the test is skipped with the command that installs it.
/// </summary>
internal sealed class PythonTorchFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", "-c \"import torch\"") { RedirectStandardError = true });
            process!.WaitForExit(TimeSpan.FromMinutes(1));
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public PythonTorchFactAttribute()
    {
        if (!Available.Value && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "Needs Debian's PyTorch: apt-get install python3-torch libopenblas0-openmp (.ci/run installs it).";
    }
}
