using System.Diagnostics;
using Dcgan.Tests;
using Xunit.Abstractions;

namespace Dcgan.PublicApi.Tests;

/// <summary>
/// Slow tier: packs Dcgan.Core and Dcgan.Mnist, installs them from a local feed into a fresh console app
/// outside this repository (no project references, no Directory.Build files), then builds, runs and
/// publishes it. Proves the packages work from NuGet and that the buildTransitive GLIBCXX fix reaches
/// consumers: without it TorchSharp cannot load on Debian 12 and the app fails.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PackageInstallTests(ITestOutputHelper output)
{
    [Fact]
    public void PackedPackages_InstalledInAFreshApp_TrainAndGenerateAfterBuildAndPublish()
    {
        using var work = TestData.CreateTemporaryDirectory();
        string feed = Path.Combine(work.Path, "feed");
        string app = Path.Combine(work.Path, "app");
        string version = $"0.1.0-ci.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        string repo = RepositoryRoot();

        // 1. Pack both libraries at a version no cache has seen.
        foreach (string project in new[] { "src/Dcgan.Core/Dcgan.Core.csproj", "src/Dcgan.Mnist/Dcgan.Mnist.csproj" })
            Run(repo, "dotnet", $"pack {project} -c Release -o {feed} -p:Version={version}");
        File.Exists(Path.Combine(feed, $"Dcgan.Core.{version}.nupkg")).Should().BeTrue();
        File.Exists(Path.Combine(feed, $"Dcgan.Core.{version}.snupkg")).Should().BeTrue();

        // 2. A consumer app that knows nothing of this repository.
        Directory.CreateDirectory(app);
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
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <RuntimeIdentifier>linux-x64</RuntimeIdentifier>
                <SelfContained>false</SelfContained>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Dcgan.Core" Version="{version}" />
                <PackageReference Include="Dcgan.Mnist" Version="{version}" />
                <PackageReference Include="libtorch-cpu-linux-x64" Version="2.10.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Dcgan;
            using Dcgan.Models;

            using (var result = new DcganBuilder()
                .WithMnist(o => { o.Directory = args[0]; o.Limit = 256; })
                .WithFeatureMaps(8, 8).WithBatchSize(32).WithEpochs(1).WithThreads(2)
                .WithOutputDirectory(args[1])
                .Train())
            {
                Console.WriteLine($"trained: D loss {result.History[0].DiscriminatorLoss:F3}");
            }
            using var generator = Generator.Load(Path.Combine(args[1], "generator.dcgan"));
            using var digits = generator.Generate(4, seed: 1);
            Console.WriteLine($"generated: {string.Join("x", digits.shape)}");
            """);

        // 3. Build and run; then publish and run the published app.
        string outputs = Path.Combine(work.Path, "outputs");
        Run(app, "dotnet", "build -c Release");
        string ran = Run(app, "dotnet", $"run -c Release --no-build -- {TestData.MnistDirectory} {outputs}");
        ran.Should().Contain("trained: D loss").And.Contain("generated: 4x1x28x28");

        string published = Path.Combine(work.Path, "published");
        Run(app, "dotnet", $"publish -c Release -o {published}");
        string fromPublish = Run(published, Path.Combine(published, "Consumer"), $"{TestData.MnistDirectory} {outputs}-published");
        fromPublish.Should().Contain("generated: 4x1x28x28");
    }

    private string Run(string directory, string file, string arguments)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The consumer must not inherit this repository's settings through MSBuild environment variables.
        info.Environment.Remove("MSBuildExtensionsPath");
        info.Environment.Remove("MSBUILD_EXE_PATH");
        info.Environment.Remove("MSBuildSDKsPath");
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{file} {arguments}' did not finish within 8 minutes.");
        }
        string text = stdout.Result + stderr.Result;
        output.WriteLine($"$ {file} {arguments}\n{text}");
        process.ExitCode.Should().Be(0, $"'{file} {arguments}' in {directory} should succeed; it printed:\n{text}");
        return text;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dcgan.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Dcgan.sln not found above the test binaries.");
    }
}
