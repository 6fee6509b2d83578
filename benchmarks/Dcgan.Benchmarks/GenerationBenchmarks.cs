using BenchmarkDotNet.Attributes;
using Dcgan.Imaging;
using Dcgan.Inference;
using Dcgan.Models;
using Dcgan.Persistence;
using TorchSharp;

namespace Dcgan.Benchmarks;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of the embedding path: loading a generator file and generating 1 and
/// 1,000 digits. In-process (no per-benchmark project build, which would copy libtorch again), 2 threads.
/// The generator has the default architecture; its weights do not change the cost.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRunConfig))]
public class GenerationBenchmarks
{
    private string path = "";
    private TorchImageGenerator generator = null!;
    private long seed;

    [Params(1, 1000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(2);
        path = Path.Combine(Path.GetTempPath(), $"dcgan-bench-{Environment.ProcessId}.dcgan");
        using (var fresh = new Generator(new DcganArchitecture(), seed: 1))
            GeneratorFile.Save(fresh, path);
        generator = TorchImageGenerator.Load(path);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        generator.Dispose();
        File.Delete(path);
    }

    [Benchmark(Description = "Generate (float batch)")]
    public ImageBatch Generate() => generator.Generate(Count, seed++);

    [Benchmark(Description = "GeneratePixels (bytes)")]
    public byte[][] Pixels() => generator.GeneratePixels(Count, seed++);

    [Benchmark(Description = "TorchImageGenerator.Load")]
    public void Load()
    {
        if (Count == 1)
            TorchImageGenerator.Load(path).Dispose();
    }
}
