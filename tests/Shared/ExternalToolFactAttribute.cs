using System.ComponentModel;
using System.Diagnostics;

namespace Dcgan.Tests;

/// <summary>
/// A fact that needs a program from Debian's packages. Under CI (<c>CI=true</c>, where <c>.ci/run</c>
/// installs it) it always runs, so a missing install fails the build; on a developer machine without the
/// program the test is skipped, naming the command that installs it.
/// </summary>
public abstract class ExternalToolFactAttribute : FactAttribute
{
    protected ExternalToolFactAttribute(string file, string arguments, string install)
    {
        if (!Works(file, arguments) && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = $"Needs {file} ({install}; .ci/run installs it).";
    }

    private static bool Works(string file, string arguments)
    {
        try
        {
            using Process process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            return process.WaitForExit(TimeSpan.FromMinutes(1)) && process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>Needs Debian's PyTorch under <c>/usr/bin/python3</c>.</summary>
public sealed class PythonTorchFactAttribute() : ExternalToolFactAttribute("/usr/bin/python3", "-c \"import torch\"", "apt-get install python3-torch libopenblas0-openmp");

/// <summary>Needs Debian's Chromium at <c>/usr/bin/chromium</c>.</summary>
public sealed class ChromiumFactAttribute() : ExternalToolFactAttribute("/usr/bin/chromium", "--version", "apt-get install chromium");

/// <summary>Needs Debian's onnx package (the ONNX checker) under <c>/usr/bin/python3</c>.</summary>
public sealed class PythonOnnxFactAttribute() : ExternalToolFactAttribute("/usr/bin/python3", "-c \"import onnx\"", "apt-get install python3-onnx");

/// <summary>Needs Debian's numpy under <c>/usr/bin/python3</c>.</summary>
public sealed class PythonNumpyFactAttribute() : ExternalToolFactAttribute("/usr/bin/python3", "-c \"import numpy\"", "apt-get install python3-numpy");

/// <summary>Needs clang (NativeAOT links with it).</summary>
public sealed class ClangFactAttribute() : ExternalToolFactAttribute("clang", "--version", "apt-get install clang lld zlib1g-dev");

/// <summary>Needs permission to mount a small tmpfs (root, as in CI), for tests that fill a real file system.</summary>
public sealed class TmpfsMountFactAttribute() : ExternalToolFactAttribute("/bin/sh", "-c \"d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs $d && umount $d && rmdir $d\"", "run as root");
