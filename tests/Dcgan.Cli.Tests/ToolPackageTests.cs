using System.Diagnostics;
using System.IO.Compression;
using Dcgan.Imaging;
using Dcgan.Onnx;
using Dcgan.Tests;
using SixLabors.ImageSharp;
using Xunit.Abstractions;

namespace Dcgan.Cli.Tests;

/// <summary>
/// Slow tier: the CLI as a .NET tool, the way a user gets it. Packs the tool (the top-level package and its linux-x64
/// package with libtorch) into a local feed at a version no cache has seen, installs it with
/// <c>dotnet tool install --tool-path</c> from that feed alone into an empty NuGet cache, and runs the installed
/// <c>dcgan</c>: <c>generate</c> must write the same PNGs as the CLI built in this repository, and a tiny <c>train</c>
/// (libtorch, so also the GLIBCXX fix on Debian 12) must write a generator that loads.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ToolPackageTests(ITestOutputHelper output)
{
    [Fact]
    public void ToolPackage_InstalledFromALocalFeed_GeneratesTheRepositoryCliPngsAndTrains()
    {
        using var work = TestData.CreateTemporaryDirectory();
        string feed = Path.Combine(work.Path, "feed"), tools = Path.Combine(work.Path, "tools"), cache = Path.Combine(work.Path, "nuget-cache");
        string version = $"0.1.0-ci.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

        // 1. Pack, from the build these tests ran on: the top-level package and the linux-x64 one (published, and patched,
        //    from that build).
        Run(TestData.RepositoryRoot, "dotnet",
            $"pack {CliProcess.ProjectPath} -c {CliProcess.Configuration} --no-build --no-restore -o {feed} -p:Version={version}");
        string pointer = Path.Combine(feed, $"Dcgan.Cli.{version}.nupkg"), native = Path.Combine(feed, $"Dcgan.Cli.linux-x64.{version}.nupkg");
        File.Exists(pointer).Should().BeTrue();
        File.Exists(native).Should().BeTrue();
        using (ZipArchive package = ZipFile.OpenRead(native))
        {
            package.Entries.Select(e => e.Name).Should().Contain(["dcgan.dll", "libtorch_cpu.so", "libLibTorchSharp.so", "libonnxruntime.so"]);
            package.Entries.Should().NotContain(e => e.Name == "libcoreclr.so", "the tool is framework-dependent: the runtime that runs dotnet tool runs it");
        }
        output.WriteLine($"packages: {new FileInfo(pointer).Length / 1e3:F1} kB (Dcgan.Cli) and {new FileInfo(native).Length / 1e6:F1} MB (Dcgan.Cli.linux-x64)");

        // 2. Install from that feed alone, into an empty cache, as a first-time user would.
        string config = Path.Combine(work.Path, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = cache, ["DCGAN_MNIST_DIR"] = TestData.MnistDirectory };
        var clock = Stopwatch.StartNew();
        Run(work.Path, "dotnet", $"tool install Dcgan.Cli --version {version} --tool-path {tools} --configfile {config}", environment);
        TimeSpan installed = clock.Elapsed;

        // 3. The installed command generates the repository CLI's digits, byte for byte.
        string dcgan = Path.Combine(tools, "dcgan");
        string fromTool = Path.Combine(work.Path, "from-tool"), fromRepository = Path.Combine(work.Path, "from-repository");
        Run(work.Path, dcgan, $"generate --count 16 --seed 3 --output {fromTool}", environment);
        TimeSpan firstPng = clock.Elapsed;
        Run(work.Path, "dotnet", $"{CliProcess.DllPath} generate --count 16 --seed 3 --output {fromRepository}", environment);
        string[] pngs = Directory.GetFiles(fromTool, "*.png").Select(Path.GetFileName).Order().ToArray()!;
        pngs.Should().HaveCount(17, "16 digits and the grid");
        foreach (string png in pngs)
            File.ReadAllBytes(Path.Combine(fromTool, png)).Should().Equal(File.ReadAllBytes(Path.Combine(fromRepository, png)), png);
        using (Image grid = Image.Load(Path.Combine(fromTool, "grid.png")))
            grid.Width.Should().Be(4 * 30 + 2);
        output.WriteLine($"install {installed.TotalSeconds:F1} s; install to first PNG {firstPng.TotalSeconds:F1} s");

        // 4. A tiny training run on libtorch through the installed command.
        string trained = Path.Combine(work.Path, "trained");
        Run(work.Path, dcgan, $"train --epochs 1 --limit 128 --batch-size 32 --threads 2 --output {trained}", environment).Should().Contain("Done in");
        using var generator = OnnxImageGenerator.Load(Path.Combine(trained, "generator.dcgan"));
        generator.Generate(4, seed: 1).Count.Should().Be(4);
    }

    private string Run(string directory, string file, string arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        ChildProcess.RunSucceeding(output, directory, file, arguments, environment);
}
