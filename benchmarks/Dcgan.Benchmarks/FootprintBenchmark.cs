using System.Diagnostics;
using System.Globalization;

namespace Dcgan.Benchmarks;

/// <summary>
/// What an app that embeds a generator carries and how fast it starts: the same one-PNG console app, made as a newcomer
/// makes it (<c>dotnet new console</c>, packages from a local feed of this checkout), once on Dcgan.Core with libtorch and
/// once on Dcgan.Onnx; both published for linux-x64; then cold starts (process start to exit, writing one PNG of the
/// pretrained generator) alternated run by run.
/// </summary>
internal static class FootprintBenchmark
{
    private static readonly (string Name, string[] Packages, string Code)[] Apps =
    [
        ("TorchApp", ["Dcgan.Core", "libtorch-cpu-linux-x64@2.10.0"], """
            using Dcgan.Imaging;
            using var generator = Dcgan.Inference.TorchImageGenerator.Load(args[0]);
            File.WriteAllBytes(args[1], generator.GenerateGridPng(1, seed: 1));
            """),
        ("OnnxApp", ["Dcgan.Onnx"], """
            using Dcgan.Imaging;
            using var generator = Dcgan.Onnx.OnnxImageGenerator.Load(args[0]);
            File.WriteAllBytes(args[1], generator.GenerateGridPng(1, seed: 1));
            """),
    ];

    public static void Run(int runs)
    {
        string root = RepositoryRoot();
        string work = Path.Combine(Path.GetTempPath(), $"dcgan-footprint-{Environment.ProcessId}");
        string feed = Path.Combine(work, "feed");
        string version = $"0.1.0-footprint.{DateTime.UtcNow:yyyyMMddHHmmss}";
        string model = Path.Combine(root, "src", "Dcgan.Pretrained", "mnist-generator.dcgan");
        Directory.CreateDirectory(work);
        foreach (string library in new[] { "Dcgan.Abstractions", "Dcgan.Pretrained", "Dcgan.Core", "Dcgan.Onnx" })
            Shell(root, "dotnet", $"pack src/{library}/{library}.csproj -c Release -o {feed} -p:Version={version}");

        Console.WriteLine($"# Footprint: a console app writing one PNG of the pretrained generator; {runs} cold starts each, alternated");
        Console.WriteLine($"CPU: {Stats.Cpu()}");
        Console.WriteLine("| app | published size (MB) | files | largest file |");
        Console.WriteLine("| --- | --- | --- | --- |");
        var published = new Dictionary<string, string>();
        foreach ((string name, string[] packages, string code) in Apps)
        {
            string app = Path.Combine(work, name);
            Shell(work, "dotnet", $"new console -o {app} --framework net10.0");
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration><packageSources><clear /><add key="local" value="{feed}" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>
                """);
            foreach (string package in packages)
            {
                string[] parts = package.Split('@');
                Shell(app, "dotnet", $"add package {parts[0]} --version {(parts.Length > 1 ? parts[1] : version)}");
            }
            File.WriteAllText(Path.Combine(app, "Program.cs"), code);
            string output = Path.Combine(work, name + "-published");
            Shell(app, "dotnet", $"publish -c Release -r linux-x64 --self-contained false -o {output}");
            FileInfo[] files = new DirectoryInfo(output).GetFiles("*", SearchOption.AllDirectories);
            FileInfo largest = files.MaxBy(f => f.Length)!;
            Console.WriteLine($"| {name} | {files.Sum(f => f.Length) / 1e6:F1} | {files.Length} | {largest.Name} ({largest.Length / 1e6:F1} MB) |");
            published[name] = Path.Combine(output, name);
        }

        var seconds = Apps.ToDictionary(a => a.Name, _ => new List<double>());
        for (int run = 0; run <= runs; run++)
        {
            foreach ((string name, _, _) in Apps)
            {
                var clock = Stopwatch.StartNew();
                Shell(work, published[name], $"{model} {Path.Combine(work, name + ".png")}");
                if (run > 0) // the first run of each warms the disk cache
                    seconds[name].Add(clock.Elapsed.TotalSeconds);
            }
        }
        Console.WriteLine();
        Console.WriteLine("| app | cold start, median (s) | min | max |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach ((string name, List<double> times) in seconds)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Stats.Median(times):F2} | {times.Min():F2} | {times.Max():F2} |"));
        double[] ratios = seconds["TorchApp"].Zip(seconds["OnnxApp"], (t, o) => t / o).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median TorchApp / OnnxApp per run: {Stats.Median(ratios):F2}x"));
        Directory.Delete(work, recursive: true);
    }

    private static void Shell(string directory, string file, string arguments)
    {
        var info = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        // The apps must not inherit this repository's build settings through MSBuild's environment.
        foreach (string name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
            info.Environment.Remove(name);
        using Process process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{file} {arguments}' in {directory} failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
    }

    /// <summary>The checkout: the first folder holding Dcgan.sln above the working directory or the benchmark binaries.</summary>
    private static string RepositoryRoot()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Dcgan.sln")))
                    return dir.FullName;
            }
        }
        throw new InvalidOperationException("Dcgan.sln not found above the working directory or the benchmark binaries: run from the checkout.");
    }
}
