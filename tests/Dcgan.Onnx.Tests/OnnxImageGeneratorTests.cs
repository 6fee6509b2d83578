using Dcgan.Imaging;
using Dcgan.Inference;
using Dcgan.Tests;

namespace Dcgan.Onnx.Tests;

public sealed class OnnxImageGeneratorTests
{
    [Fact]
    public void Load_EveryShippedPretrainedGenerator_ServesImagesOfItsShape()
    {
        foreach (string name in Dcgan.Pretrained.PretrainedGenerators.Names)
        {
            using OnnxImageGenerator generator = OnnxImageGenerator.Load(Dcgan.Pretrained.PretrainedGenerators.Open(name), threads: 1);

            ImageBatch batch = generator.Generate(2, seed: 1);

            batch.Height.Should().Be(28, name);
            batch.Pixels.ToArray().Should().OnlyContain(v => v >= -1.0001f && v <= 1.0001f, name); // tanh on ONNX Runtime may overshoot by an ulp
        }
    }

    /// <summary>One noise vector from each of <paramref name="seeds"/> seeds (0, 1, 2, ...), as <c>SampleNoise(1, seed)</c> draws them.</summary>
    private static float[] NoiseOfSeeds(int seeds, int latent) =>
        Enumerable.Range(0, seeds).SelectMany(seed => StandardNormalNoise.Sample(1, latent, seed)).ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Generate_PretrainedGenerators_1000Seeds_AgreeWithTorchSharp(bool conditional)
    {
        string file = conditional ? PretrainedFiles.Conditional : PretrainedFiles.Unconditional;
        using TorchImageGenerator torch = TorchImageGenerator.Load(file);
        using OnnxImageGenerator onnx = OnnxImageGenerator.Load(file, threads: 2);
        float[] noise = NoiseOfSeeds(1000, torch.Description.LatentSize);
        int[]? labels = conditional ? Enumerable.Range(0, 1000).Select(seed => seed % 10).ToArray() : null;

        ImageBatch expected = torch.Generate(noise, labels);
        ImageBatch actual = onnx.Generate(noise, labels);

        onnx.Description.Should().BeEquivalentTo(torch.Description);
        float[] a = actual.Pixels.ToArray(), e = expected.Pixels.ToArray();
        a.Zip(e, (x, y) => Math.Abs(x - y)).Max().Should().BeLessThan(1e-4f);
        byte[] actualBytes = actual.ToBytes(), expectedBytes = expected.ToBytes();
        actualBytes.Zip(expectedBytes, (x, y) => Math.Abs(x - y)).Max().Should().BeLessThanOrEqualTo(1, "8-bit pixels at most one level apart");
    }

    [Fact]
    public void ExportedOnnxFile_LoadsToTheSameGenerator_AndCarriesTheManifest()
    {
        using var folder = TestData.CreateTemporaryDirectory();
        string onnxFile = Path.Combine(folder.Path, "conditional.onnx");
        OnnxExport.Write(PretrainedFiles.Conditional, onnxFile);

        using OnnxImageGenerator fromDcgan = OnnxImageGenerator.Load(PretrainedFiles.Conditional);
        using OnnxImageGenerator fromOnnx = OnnxImageGenerator.Load(onnxFile);
        global::Onnx.ModelProto model = global::Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(onnxFile));

        fromOnnx.Description.Should().BeEquivalentTo(fromDcgan.Description);
        fromOnnx.GenerateClassGridPng(perClass: 3, seed: 5).Should().Equal(fromDcgan.GenerateClassGridPng(perClass: 3, seed: 5));
        model.OpsetImport.Should().ContainSingle().Which.Version.Should().Be(17);
        model.Graph.Input.Select(i => i.Name).Should().Equal("noise", "labels");
        model.Graph.Input[0].Type.TensorType.Shape.Dim[0].DimParam.Should().Be("batch", "the batch is dynamic");
        var manifest = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        manifest["latent_size"].Should().Be("100");
        manifest["class_names"].Should().Be("[\"0\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]");
        manifest["noise"].Should().Be(StandardNormalNoise.Algorithm);
        manifest["pixel_range"].Should().Be("[-1, 1]");
    }

    [Fact]
    public void EmbeddingApi_OnTheOnnxBackend_GivesTheSamePngsAsTorchSharp_ForASeed()
    {
        using TorchImageGenerator torch = TorchImageGenerator.Load(PretrainedFiles.Unconditional);
        using OnnxImageGenerator onnx = OnnxImageGenerator.Load(PretrainedFiles.Unconditional);

        byte[] onnxPixels = onnx.Generate(count: 16, seed: 42).ToBytes();
        byte[] torchPixels = torch.Generate(count: 16, seed: 42).ToBytes();

        onnxPixels.Zip(torchPixels, (x, y) => Math.Abs(x - y)).Max().Should().BeLessThanOrEqualTo(1);
        onnx.GenerateGridPng(count: 16, seed: 42).Should().NotBeEmpty();
        onnx.InterpolatePng(fromSeed: 1, toSeed: 2, steps: 5).Should().NotBeEmpty();
    }

    [Fact]
    public void Load_NotAModel_FailsNamingTheFile_AndBadCallsAreRefused()
    {
        using var folder = TestData.CreateTemporaryDirectory();
        string noise = Path.Combine(folder.Path, "noise.onnx");
        byte[] random = new byte[4096];
        new Random(1).NextBytes(random);
        File.WriteAllBytes(noise, random);
        using OnnxImageGenerator generator = OnnxImageGenerator.Load(PretrainedFiles.Unconditional);

        Action load = () => OnnxImageGenerator.Load(noise).Dispose();
        Action missing = () => OnnxImageGenerator.Load(Path.Combine(folder.Path, "missing.dcgan")).Dispose();
        Action labels = () => generator.Generate(new float[100], [1]);
        Action ragged = () => generator.Generate(new float[150]);

        load.Should().Throw<InvalidDataException>().WithMessage("*noise.onnx*");
        missing.Should().Throw<FileNotFoundException>().WithMessage("*missing.dcgan*");
        labels.Should().Throw<ArgumentException>();
        ragged.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Dispose_IsIdempotent_AndGenerateAfterItIsRefused()
    {
        OnnxImageGenerator generator = OnnxImageGenerator.Load(PretrainedFiles.Unconditional);

        generator.Dispose();
        generator.Dispose();

        generator.Invoking(g => g.Generate(new float[100])).Should().Throw<ObjectDisposedException>();
    }
}
