using Dcgan.Imaging;
using Dcgan.Inference;
using TorchSharp;

namespace Dcgan.Benchmarks;

/// <summary>Generator file size, load time and generation latency, as an embedding app sees them.</summary>
internal static class EmbeddingBenchmark
{
    public static void Run(string modelPath, int threads)
    {
        torch.set_num_threads(threads);
        Console.WriteLine($"# Embedding benchmark: {modelPath}");
        Console.WriteLine($"CPU: {Stats.Cpu()}; libtorch threads: {threads}");
        Console.WriteLine($"file size: {new FileInfo(modelPath).Length / 1024.0:F0} KiB");

        double load = Stats.MedianMilliseconds(2, 20, () => TorchImageGenerator.Load(modelPath).Dispose());
        Console.WriteLine($"TorchImageGenerator.Load: median {load:F1} ms over 20 loads");

        using TorchImageGenerator generator = TorchImageGenerator.Load(modelPath);
        long seed = 0;
        double one = Stats.MedianMilliseconds(20, 500, () => generator.Generate(1, seed++));
        Console.WriteLine($"generate 1 digit (float batch): median {one:F3} ms over 500 calls");
        double onePng = Stats.MedianMilliseconds(20, 500, () => generator.GeneratePngs(1, seed++));
        Console.WriteLine($"generate 1 digit as PNG bytes: median {onePng:F3} ms over 500 calls");
        double thousand = Stats.MedianMilliseconds(2, 10, () => generator.Generate(1000, seed++));
        Console.WriteLine($"generate 1,000 digits (float batch): median {thousand:F1} ms over 10 calls");
        double thousandPixels = Stats.MedianMilliseconds(2, 10, () => generator.GeneratePixels(1000, seed++));
        Console.WriteLine($"generate 1,000 digits as raw pixels: median {thousandPixels:F1} ms over 10 calls");
        double grid = Stats.MedianMilliseconds(5, 50, () => generator.GenerateGridPng(64, seed++));
        Console.WriteLine($"generate an 8x8 grid PNG: median {grid:F2} ms over 50 calls");
    }
}
