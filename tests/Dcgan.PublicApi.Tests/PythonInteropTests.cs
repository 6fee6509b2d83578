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

    [PythonTorchFact]
    public void GeneratorFile_WithASeed_GivesTheSameDigitsInPythonAsInCSharp()
    {
        // The Python reader draws its own noise from the seed (numpy, the documented algorithm): no noise file is passed.
        using var work = TestData.CreateTemporaryDirectory();
        string model = Path.Combine(work.Path, "generator.dcgan"), raw = Path.Combine(work.Path, "images.f32");
        using var generator = new TorchImageGenerator(new Generator(new DcganArchitecture { Shape = new() { LatentSize = 24 }, Generator = new() { FeatureMaps = 16 } }, seed: 8));
        GeneratorFile.Save(generator.Generator, model);
        float[] expected = Dcgan.Imaging.GeneratorImageExtensions.Generate(generator, count: 5, seed: 1234567890123).Pixels.ToArray();

        string script = Path.Combine(TestData.RepositoryRoot, "samples", "python", "read_generator.py");
        (int exitCode, string output) = ChildProcess.Run("/usr/bin/python3",
            $"{script} {model} --seed 1234567890123 --count 5 --out {Path.Combine(work.Path, "grid.pgm")} --raw-out {raw}", TimeSpan.FromMinutes(2));

        exitCode.Should().Be(0, output);
        float[] actual = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(raw)).ToArray();
        actual.Should().HaveCount(expected.Length);
        actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max().Should().BeLessThan(1e-4f);
    }

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
