using System.Runtime.InteropServices;
using Dcgan.Inference;
using Dcgan.Models;
using Dcgan.Persistence;
using Dcgan.Tests;

namespace Dcgan.PublicApi.Tests;

/// <summary>
/// Slow tier: the generator file is readable from Python. Debian's PyTorch, with the hand-written
/// safetensors reader in <c>samples/python/read_generator.py</c>, rebuilds the generator and computes the
/// same images as Dcgan for the same noise.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PythonInteropTests
{
    [PythonTorchFact]
    public void GeneratorFile_ReadByPyTorch_GivesTheSameImagesForTheSameNoise() =>
        ReadByPyTorch(new DcganArchitecture { Shape = new() { ImageSize = 32 }, Generator = new() { FeatureMaps = 16 }, Discriminator = new() { Pieces = [] } });

    [PythonTorchFact]
    public void ConditionalGeneratorFile_ReadByPyTorch_GivesTheSameImagesForTheSameNoiseAndLabels() =>
        ReadByPyTorch(new DcganArchitecture { Shape = new() { ClassNames = ["a", "b", "c"] }, Generator = new() { FeatureMaps = 16 }, Discriminator = new() { Pieces = [] } });

    private static void ReadByPyTorch(DcganArchitecture architecture)
    {
        using var work = TestData.CreateTemporaryDirectory();
        string model = Path.Combine(work.Path, "generator.dcgan");
        string noisePath = Path.Combine(work.Path, "noise.f32");
        string expectedPath = Path.Combine(work.Path, "images.f32");
        using (var generator = new TorchImageGenerator(new Generator(architecture, seed: 5)))
        {
            GeneratorFile.Save(generator.Generator, model);
            float[] noise = generator.SampleNoise(8, seed: 3);
            // A conditional one cycles through its classes, as the Python reader does.
            int[]? labels = generator.Description.IsConditional ? generator.Description.LabelsFor(8) : null;
            ImageBatch images = generator.Generate(noise, labels);
            File.WriteAllBytes(noisePath, MemoryMarshal.AsBytes(noise.AsSpan()).ToArray());
            File.WriteAllBytes(expectedPath, MemoryMarshal.AsBytes(images.Pixels).ToArray());
        }

        string script = Path.Combine(TestData.RepositoryRoot, "samples", "python", "read_generator.py");
        (int exitCode, string output) = ChildProcess.Run("/usr/bin/python3", $"{script} {model} --noise {noisePath} --expected {expectedPath}", TimeSpan.FromMinutes(2));

        exitCode.Should().Be(0, output);
        output.Should().Contain("max abs difference");
    }
}
