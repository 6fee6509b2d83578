using Dcgan.Models;
using Dcgan.Persistence;
using Dcgan.Tests;
using Dcgan.Tests.Fuzzing;
using Xunit.Abstractions;

namespace Dcgan.Onnx.Tests;

/// <summary>
/// Slow tier: mutated, truncated and spliced generator files and ONNX models, and generated safetensors headers, through
/// the libtorch-free loader (<see cref="OnnxImageGenerator.Load(string)"/>): each loads or is refused with
/// <see cref="InvalidDataException"/> naming the file, within the time limit.
/// </summary>
[Trait("Category", "Slow")]
[Collection(nameof(FuzzCollection))]
public sealed class OnnxLoaderFuzzTests(ITestOutputHelper output)
{
    private static readonly DcganArchitecture Small = new() { Shape = new() { LatentSize = 16 }, Generator = new() { FeatureMaps = 8 }, Discriminator = new() { FeatureMaps = 8, Pieces = [] } };

    [Fact]
    public void Load_MutatedGeneratorFilesAndOnnxModels_LoadOrAreRefusedNamingTheFile()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        var seeds = new List<byte[]>();
        foreach (DcganArchitecture architecture in new[] { Small, Small with { Shape = Small.Shape with { ClassNames = ["a", "b", "c"] } } })
        {
            string dcgan = Path.Combine(directory.Path, $"{seeds.Count}.dcgan");
            string onnx = Path.ChangeExtension(dcgan, ".onnx");
            using (var generator = new Generator(architecture, seed: 1))
                GeneratorFile.Save(generator, dcgan);
            OnnxExport.Write(dcgan, onnx);
            seeds.Add(File.ReadAllBytes(dcgan));
            seeds.Add(File.ReadAllBytes(onnx));
        }
        // Protobuf has no separate header: its structure is spread over the file, so mutations go anywhere.
        IEnumerable<byte[]> inputs = new Mutator(seeds, file => file.Length).Inputs(2000, seed: 11).Concat(SafetensorsHeaders.Files(500, seed: 12));

        FuzzRunner.Run("onnx-image-generator", ".model", inputs, path => OnnxImageGenerator.Load(path, threads: 1).Dispose(), [typeof(InvalidDataException)], output);
    }
}
