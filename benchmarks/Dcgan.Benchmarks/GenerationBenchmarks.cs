using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dcgan.Imaging;
using Dcgan.Models;
using TorchSharp;

namespace Dcgan.Benchmarks;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of the embedding path: loading a generator file and generating 1 and
/// 1,000 digits. In-process (no per-benchmark project build, which would copy libtorch again), 2 threads.
/// The generator has the default architecture; its weights do not change the cost.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class GenerationBenchmarks
{
    private string path = "";
    private Generator generator = null!;
    private long seed;

    [Params(1, 1000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(2);
        path = Path.Combine(Path.GetTempPath(), $"dcgan-bench-{Environment.ProcessId}.dcgan");
        using (var fresh = new Generator(new DcganArchitecture(), seed: 1))
            fresh.Save(path);
        generator = Generator.Load(path);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        generator.Dispose();
        File.Delete(path);
    }

    [Benchmark(Description = "Generate (tensor)")]
    public void Generate() => generator.Generate(Count, seed++).Dispose();

    [Benchmark(Description = "GeneratePixels (bytes)")]
    public byte[][] Pixels() => generator.GeneratePixels(Count, seed++);

    [Benchmark(Description = "Generator.Load")]
    public void Load()
    {
        if (Count == 1)
            Generator.Load(path).Dispose();
    }

    private sealed class InProcessShortRun : BenchmarkDotNet.Configs.ManualConfig
    {
        public InProcessShortRun() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
