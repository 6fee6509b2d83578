using BenchmarkDotNet.Attributes;
using Dcgan.Imaging;
using Dcgan.Inference;
using Dcgan.Mnist.Pretrained;
using Dcgan.Onnx;
using Dcgan.Persistence;
using TorchSharp;

namespace Dcgan.Benchmarks;

/// <summary>
/// BenchmarkDotNet, side by side in one run: the pretrained MNIST generator served by TorchSharp (Dcgan.Core) and by ONNX
/// Runtime (Dcgan.Onnx), on one and two threads: loading the file, one digit, a 64-digit grid PNG, and 1,000 digits.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRunConfig))]
public class BackendBenchmarks
{
    private string path = "";
    private IImageGenerator generator = null!;
    private long seed;

    /// <summary>Which backend serves the generator.</summary>
    public enum Runtime
    {
        /// <summary>Dcgan.Core's TorchImageGenerator.</summary>
        TorchSharp,

        /// <summary>Dcgan.Onnx's OnnxImageGenerator.</summary>
        OnnxRuntime,
    }

    [Params(Runtime.TorchSharp, Runtime.OnnxRuntime)]
    public Runtime Backend { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        path = Path.Combine(Path.GetTempPath(), $"dcgan-backends-{Environment.ProcessId}.dcgan");
        using (TorchImageGenerator pretrained = MnistPretrained.LoadGenerator())
            GeneratorFile.Save(pretrained.Generator, path);
        generator = Load();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        ((IDisposable)generator).Dispose();
        File.Delete(path);
    }

    [Benchmark(Description = "load the file")]
    public void LoadFile() => ((IDisposable)Load()).Dispose();

    [Benchmark(Description = "1 digit")]
    public ImageBatch OneDigit() => generator.Generate(1, seed++);

    [Benchmark(Description = "64-digit grid PNG")]
    public byte[] GridPng() => generator.GenerateGridPng(64, seed++);

    [Benchmark(Description = "1,000 digits")]
    public ImageBatch ThousandDigits() => generator.Generate(1000, seed++);

    private IImageGenerator Load() => Backend == Runtime.TorchSharp ? TorchImageGenerator.Load(path) : OnnxImageGenerator.Load(path, Threads);
}
