using Dcgan.Tests;
using SixLabors.ImageSharp;
using Xunit.Abstractions;

namespace Dcgan.PublicApi.Tests;

/// <summary>
/// Slow tier: the newcomer's path. Packs Dcgan.Core and Dcgan.Mnist into a local folder feed, creates a
/// brand-new console app in a temporary directory (outside this repository: no project references, no
/// Directory.Build files), runs <c>dotnet add package</c> for both and for a CPU backend, then builds, runs and
/// publishes a program that trains a tiny model on real MNIST, saves the generator, reloads it and writes a
/// PNG. Also proves the buildTransitive GLIBCXX fix reaches consumers: without it TorchSharp cannot load on
/// Debian 12 and the program fails.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PackageInstallTests(ITestOutputHelper output)
{
    [Fact]
    public void NewConsoleApp_AddingThePackedPackages_TrainsSavesReloadsAndWritesAPng()
    {
        using var work = TestData.CreateTemporaryDirectory();

        // 1-2. The libraries packed (Core depends on Abstractions, Mnist on Core), and a brand-new app, as a newcomer makes it.
        (string app, string feed, string version) = NewConsoleApp(work.Path, "NewcomerApp",
            ["Dcgan.Abstractions", "Dcgan.Pretrained", "Dcgan.Core", "Dcgan.Mnist"], singleRuntime: true,
            "Dcgan.Core", "Dcgan.Mnist", "libtorch-cpu-linux-x64@2.10.0");
        File.Exists(Path.Combine(feed, $"Dcgan.Core.{version}.snupkg")).Should().BeTrue("symbols ship beside the package");
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Dcgan;
            using Dcgan.Imaging;
            using Dcgan.Inference;

            string data = args[0], output = args[1];
            using (var result = new DcganBuilder()
                .WithMnist(o => { o.Directory = data; o.Limit = 256; })
                .WithFeatureMaps(8, 8).WithBatchSize(32).WithEpochs(1).WithThreads(2)
                .WithOutputDirectory(output)
                .Train())
            {
                Console.WriteLine($"trained: D loss {result.History[0].DiscriminatorLoss:F3}");
            }
            using var generator = TorchImageGenerator.Load(Path.Combine(output, "generator.dcgan"));
            File.WriteAllBytes(Path.Combine(output, "digits.png"), generator.GenerateGridPng(16, seed: 1));
            Console.WriteLine("wrote digits.png");
            """);

        // 3. Build and run; then publish and run the published app.
        string outputs = Path.Combine(work.Path, "outputs");
        Run(app, "dotnet", "build -c Release");
        Run(app, "dotnet", $"run -c Release --no-build -- {TestData.MnistDirectory} {outputs}").Should().Contain("trained: D loss").And.Contain("wrote digits.png");
        using (Image png = Image.Load(Path.Combine(outputs, "digits.png")))
            png.Width.Should().Be(4 * 30 + 2);

        string published = Path.Combine(work.Path, "published");
        Run(app, "dotnet", $"publish -c Release -o {published}");
        Run(published, Path.Combine(published, "NewcomerApp"), $"{TestData.MnistDirectory} {outputs}-published").Should().Contain("wrote digits.png");
    }

    [Fact]
    public void NewConsoleApp_AddingOnlyTheOnnxRuntimePackage_WritesAPngFromThePretrainedGenerator_AndPublishesWithoutLibtorch()
    {
        using var work = TestData.CreateTemporaryDirectory();
        (string app, _, _) = NewConsoleApp(work.Path, "OnnxApp", ["Dcgan.Abstractions", "Dcgan.Pretrained", "Dcgan.Onnx"], singleRuntime: true, "Dcgan.Onnx");
        // Only the runtime package: the pretrained generator comes along with it.
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Dcgan.Imaging;
            using Dcgan.Onnx;
            using Dcgan.Pretrained;

            using var generator = args.Length > 1 ? OnnxImageGenerator.Load(args[1]) : OnnxImageGenerator.Load(PretrainedGenerators.Open(PretrainedGenerators.Mnist));
            File.WriteAllBytes(args[0], generator.GenerateGridPng(16, seed: 1));
            Console.WriteLine($"wrote {args[0]}");
            """);

        string model = Path.Combine(TestData.RepositoryRoot, "src", "Dcgan.Pretrained", "mnist-generator.dcgan");
        string png = Path.Combine(work.Path, "digits.png"), fromFile = Path.Combine(work.Path, "from-file.png");
        string published = Path.Combine(work.Path, "published");
        Run(app, "dotnet", $"publish -c Release -o {published}");
        Run(published, Path.Combine(published, "OnnxApp"), png).Should().Contain("wrote");
        Run(published, Path.Combine(published, "OnnxApp"), $"{fromFile} {model}").Should().Contain("wrote");
        File.ReadAllBytes(png).Should().Equal(File.ReadAllBytes(fromFile), "the packaged pretrained generator is the file in the repository");

        using (Image image = Image.Load(png))
            image.Width.Should().Be(4 * 30 + 2);
        string[] files = Directory.GetFiles(published, "*", SearchOption.AllDirectories);
        files.Should().NotContain(f => Path.GetFileName(f).Contains("torch", StringComparison.OrdinalIgnoreCase), "the app carries no TorchSharp or libtorch");
        long bytes = files.Sum(f => new FileInfo(f).Length);
        output.WriteLine($"published size: {bytes / 1e6:F1} MB in {files.Length} files");
    }

    [ClangFact]
    public void NewConsoleApp_OnTheOnnxPackage_PublishedWithNativeAot_WritesTheSamePngAsTheLibrary()
    {
        using var work = TestData.CreateTemporaryDirectory();
        (string app, _, _) = NewConsoleApp(work.Path, "AotApp", ["Dcgan.Abstractions", "Dcgan.Pretrained", "Dcgan.Onnx"], singleRuntime: false, "Dcgan.Onnx");
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Dcgan.Imaging;
            using var generator = Dcgan.Onnx.OnnxImageGenerator.Load(args[0]);
            File.WriteAllBytes(args[1], generator.GenerateGridPng(16, seed: 1));
            """);

        string published = Path.Combine(work.Path, "native");
        Run(app, "dotnet", $"publish -c Release -r linux-x64 -p:PublishAot=true -o {published}");
        string model = Path.Combine(TestData.RepositoryRoot, "src", "Dcgan.Pretrained", "mnist-generator.dcgan");
        string png = Path.Combine(work.Path, "digits.png");
        Run(published, Path.Combine(published, "AotApp"), $"{model} {png}");

        File.Exists(Path.Combine(published, "AotApp.dll")).Should().BeFalse("a NativeAOT app is one native executable");
        using var generator = Dcgan.Onnx.OnnxImageGenerator.Load(model);
        File.ReadAllBytes(png).Should().Equal(Dcgan.Imaging.GeneratorImageExtensions.GenerateGridPng(generator, 16, seed: 1));
    }

    /// <summary>
    /// Packs <paramref name="libraries"/> at a version no cache has seen into a feed under <paramref name="work"/>, makes
    /// a brand-new console app that restores from that feed first (then nuget.org), and adds <paramref name="packages"/>:
    /// an id gets the packed version, <c>id@version</c> that version.
    /// </summary>
    /// <param name="singleRuntime">As the README advises for libtorch: one runtime folder (linux-x64) instead of every OS's copy.</param>
    private (string App, string Feed, string Version) NewConsoleApp(string work, string name, string[] libraries, bool singleRuntime, params string[] packages)
    {
        string feed = Path.Combine(work, "feed"), app = Path.Combine(work, name);
        string version = $"0.1.0-ci.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        foreach (string library in libraries)
            Run(TestData.RepositoryRoot, "dotnet", $"pack src/{library}/{library}.csproj -c Release -o {feed} -p:Version={version}");

        Run(work, "dotnet", $"new console -o {app} --framework net10.0");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        foreach (string package in packages)
        {
            string[] parts = package.Split('@');
            Run(app, "dotnet", $"add package {parts[0]} --version {(parts.Length > 1 ? parts[1] : version)}");
        }
        if (singleRuntime)
        {
            string project = Path.Combine(app, name + ".csproj");
            File.WriteAllText(project, File.ReadAllText(project).Replace("<OutputType>", "<RuntimeIdentifier>linux-x64</RuntimeIdentifier>\n    <OutputType>", StringComparison.Ordinal));
        }
        return (app, feed, version);
    }

    private string Run(string directory, string file, string arguments)
    {
        // The consumer must not inherit this repository's build settings through MSBuild's environment.
        var clean = new Dictionary<string, string?> { ["MSBuildExtensionsPath"] = null, ["MSBUILD_EXE_PATH"] = null, ["MSBuildSDKsPath"] = null, ["MSBuildLoadMicrosoftTargetsReadOnly"] = null };
        return ChildProcess.RunSucceeding(output, directory, file, arguments, clean);
    }
}
