using Dcgan.Models;
using Dcgan.Tests;
using TorchSharp;
using static TorchSharp.torch;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Core.Tests.Models;

public sealed class GeneratorTests
{
    private static readonly DcganArchitecture Small = new() { GeneratorFeatureMaps = 8, DiscriminatorFeatureMaps = 8, LatentSize = 16 };

    [Theory]
    [InlineData(28, 1)]
    [InlineData(32, 1)]
    [InlineData(64, 3)]
    public void Forward_ForEachSupportedSize_ProducesImagesOfThatSizeInRange(int imageSize, int channels)
    {
        using var generator = new Generator(Small with { ImageSize = imageSize, Channels = channels }, seed: 1);

        using Tensor images = generator.Generate(count: 3, seed: 5);

        images.shape.Should().Equal(3, channels, imageSize, imageSize);
        images.min().item<float>().Should().BeGreaterThanOrEqualTo(-1f);
        images.max().item<float>().Should().BeLessThanOrEqualTo(1f);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(48)]
    [InlineData(0)]
    public void Constructor_UnsupportedImageSize_ThrowsListingValidSizes(int imageSize)
    {
        Action act = () => new Generator(Small with { ImageSize = imageSize }).Dispose();

        act.Should().Throw<ArgumentException>().WithMessage($"*ImageSize {imageSize} is not supported*28, 32, 64*");
    }

    [Fact]
    public void Constructor_SameSeed_GivesIdenticalWeights_DifferentSeed_DoesNot()
    {
        using var a = new Generator(Small, seed: 7);
        using var b = new Generator(Small, seed: 7);
        using var c = new Generator(Small, seed: 8);

        ModelAssertions.SameWeights(a, b).Should().BeTrue();
        ModelAssertions.SameWeights(a, c).Should().BeFalse();
    }

    [Fact]
    public void Constructor_InitialisesLikeRadford()
    {
        using var generator = new Generator(new DcganArchitecture(), seed: 3);
        var state = generator.state_dict();

        using Tensor conv = state["main.3.weight"];
        conv.mean().item<float>().Should().BeApproximately(0f, 0.001f);
        conv.std().item<float>().Should().BeApproximately(0.02f, 0.001f);
        using Tensor scale = state["main.1.weight"];
        scale.mean().item<float>().Should().BeApproximately(1f, 0.01f);
        state["main.1.bias"].abs().max().item<float>().Should().Be(0f);
    }

    [Fact]
    public void StateDict_UsesPyTorchDcganNames()
    {
        using var generator = new Generator(new DcganArchitecture(), seed: 0);

        generator.state_dict().Keys.Should().Contain(["main.0.weight", "main.1.weight", "main.1.bias", "main.1.running_mean", "main.1.running_var", "main.3.weight", "main.6.weight"]);
    }

    [Fact]
    public void Architecture_HasNoPoolingNoLinearAndTanhOutput()
    {
        using var generator = new Generator(new DcganArchitecture(), seed: 0);
        var modules = generator.modules().Select(m => m.GetType().Name).ToList();

        modules.Should().NotContain(name => name.Contains("Pool") || name == "Linear");
        modules.Should().Contain("ConvTranspose2d").And.Contain("BatchNorm2d").And.Contain("ReLU");
        modules.Last().Should().Be("Tanh");
    }

    [Fact]
    public void SaveAndLoad_RoundTrip_GeneratesIdenticalImages()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "g.dcgan");
        using var original = new Generator(Small with { ImageSize = 32 }, seed: 11);

        original.Save(path);
        using Generator loaded = Generator.Load(path);

        loaded.Architecture.Should().Be(original.Architecture);
        using Tensor expected = original.Generate(4, seed: 2);
        using Tensor actual = loaded.Generate(4, seed: 2);
        actual.eq(expected).all().item<bool>().Should().BeTrue();
        Directory.GetFiles(directory.Path).Should().ContainSingle("the temporary file is renamed into place");
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        Action act = () => Generator.Load("/nonexistent/g.dcgan");

        act.Should().Throw<FileNotFoundException>().WithMessage("*/nonexistent/g.dcgan*");
    }

    [Fact]
    public void Load_NotAModelFile_ThrowsNamingTheFile()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "notes.txt");
        File.WriteAllText(path, "these are not the weights you are looking for");

        Action act = () => Generator.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"*{path}*not a Dcgan model file*");
    }

    [Fact]
    public void Load_TruncatedFile_ThrowsInvalidData()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "g.dcgan");
        using (var generator = new Generator(Small, seed: 1))
            generator.Save(path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        Action act = () => Generator.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"*{path}*");
    }

    [Fact]
    public void Load_NewerFormatVersion_ThrowsNamingBothVersions()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "g.dcgan");
        using (var generator = new Generator(Small, seed: 1))
            generator.Save(path);
        ReplaceOnce(path, "\"format_version\":\"2\"", "\"format_version\":\"9\"");

        Action act = () => Generator.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage("*version 9*versions 1 to 2*");
    }

    [Fact]
    public void Load_WeightsOfAnotherArchitecture_ThrowsNamingTheTensorAndBothShapes()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "g.dcgan");
        using (var generator = new Generator(Small, seed: 1))
            generator.Save(path);
        // Declare 9 feature maps while the tensors were saved with 8.
        ReplaceOnce(path, "GeneratorFeatureMaps\\\":8", "GeneratorFeatureMaps\\\":9"); // inside the escaped architecture JSON

        Action act = () => Generator.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage("*tensor 'main.0.weight' has shape [16, 16, 7, 7] in the file but [16, 18, 7, 7] in the model*");
    }

    [Fact]
    public void Load_FormatVersion1File_IsStillRead()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "v1.dcgan");
        using var original = new Generator(Small, seed: 4);
        using (var stream = File.Create(path))
        {
            byte[] manifest = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { Kind = "Generator", Architecture = Small }));
            stream.Write("DCGANMDL"u8);
            stream.Write(BitConverter.GetBytes(1));
            stream.Write(BitConverter.GetBytes(manifest.Length));
            stream.Write(manifest);
            using var weights = new MemoryStream();
            original.save(weights);
            stream.Write(weights.ToArray());
        }

        using Generator loaded = Generator.Load(path);

        ModelAssertions.SameWeights(original, loaded).Should().BeTrue();
    }

    [Fact]
    public void Load_ZeroBytesOrRandomBytes_ThrowsInvalidDataAndLeavesTheFileAlone()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string empty = Path.Combine(directory.Path, "empty.dcgan");
        File.WriteAllBytes(empty, []);
        string noise = Path.Combine(directory.Path, "noise.dcgan");
        byte[] random = new byte[4096];
        new Random(3).NextBytes(random);
        File.WriteAllBytes(noise, random);

        ((Action)(() => Generator.Load(empty))).Should().Throw<InvalidDataException>().WithMessage($"*{empty}*");
        ((Action)(() => Generator.Load(noise))).Should().Throw<InvalidDataException>().WithMessage($"*{noise}*");
        File.ReadAllBytes(noise).Should().Equal(random);
    }

    [Fact]
    public void SaveAndLoad_RecordsTheTrainingSummary()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "g.dcgan");
        using var generator = new Generator(Small, seed: 1) { };
        var summary = new TrainingSummary(3, 30, 42, 64, "MNIST train", 0.5, 2.0, 12.5, "0.1.0");
        SetTraining(generator, summary);

        generator.Save(path);
        using Generator loaded = Generator.Load(path);

        loaded.Training.Should().Be(summary);
    }

    private static void SetTraining(Generator generator, TrainingSummary summary) => generator.Training = summary;

    private static void ReplaceOnce(string path, string from, string to)
    {
        byte[] bytes = File.ReadAllBytes(path);
        byte[] needle = System.Text.Encoding.UTF8.GetBytes(from);
        byte[] replacement = System.Text.Encoding.UTF8.GetBytes(to);
        int at = bytes.AsSpan().IndexOf(needle);
        at.Should().BeGreaterThanOrEqualTo(0, $"the file should contain {from}");
        replacement.CopyTo(bytes, at);
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void Load_DiscriminatorFile_ThrowsSayingWhatItHolds()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "d.dcgan");
        using (var discriminator = new Discriminator(Small, seed: 1))
            discriminator.Save(path);

        Action act = () => Generator.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage("*holds a discriminator, not a generator*");
    }
}
