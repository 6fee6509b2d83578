using Dcgan.Imaging;
using Dcgan.Inference;
using Dcgan.Models;
using Dcgan.Persistence;
using Dcgan.Tests;
using static TorchSharp.torch;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Core.Tests.Persistence;

public sealed class GeneratorFileTests
{
    private static readonly DcganArchitecture Small = Models.GeneratorTests.Small;

    [Fact]
    public void SaveAndLoad_RoundTrip_GeneratesIdenticalImages()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "g.dcgan");
        using var original = new Generator(Small with { Shape = Small.Shape with { ImageSize = 32 } }, seed: 11);

        GeneratorFile.Save(original, path);
        using Generator loaded = GeneratorFile.Load(path);

        loaded.Architecture.Should().Be(original.Architecture);
        using var expected = new TorchImageGenerator(original, ownsGenerator: false);
        using var actual = new TorchImageGenerator(loaded, ownsGenerator: false);
        actual.Generate(4, seed: 2).Pixels.ToArray().Should().Equal(expected.Generate(4, seed: 2).Pixels.ToArray());
        Directory.GetFiles(directory.Path).Should().ContainSingle("the temporary file is renamed into place");
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        Action act = () => GeneratorFile.Load("/nonexistent/g.dcgan");

        act.Should().Throw<FileNotFoundException>().WithMessage("*/nonexistent/g.dcgan*");
    }

    [Fact]
    public void Load_NotAModelFile_ThrowsNamingTheFile()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "notes.txt");
        File.WriteAllText(path, "these are not the weights you are looking for");

        Action act = () => GeneratorFile.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"*{path}*not a Dcgan model file*");
    }

    [Fact]
    public void Load_TruncatedFile_ThrowsInvalidData()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "g.dcgan");
        using (var generator = new Generator(Small, seed: 1))
            GeneratorFile.Save(generator, path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        Action act = () => GeneratorFile.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"*{path}*");
    }

    [Fact]
    public void Load_NewerFormatVersion_ThrowsNamingBothVersions()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "g.dcgan");
        using (var generator = new Generator(Small, seed: 1))
            GeneratorFile.Save(generator, path);
        ReplaceOnce(path, "\"format_version\":\"3\"", "\"format_version\":\"9\"");

        Action act = () => GeneratorFile.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage("*version 9*versions 1 to 3*");
    }

    [Fact]
    public void Load_WeightsOfAnotherArchitecture_ThrowsNamingTheTensorAndBothShapes()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "g.dcgan");
        using (var generator = new Generator(Small, seed: 1))
            GeneratorFile.Save(generator, path);
        // Declare 9 feature maps while the tensors were saved with 8.
        ReplaceOnce(path, "\"generator_feature_maps\":\"8\"", "\"generator_feature_maps\":\"9\"");

        Action act = () => GeneratorFile.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage("*tensor 'main.0.weight' has shape [16, 16, 7, 7] in the file but [16, 18, 7, 7] in the model*");
    }

    [Fact]
    public void Load_FormatVersion1File_IsStillRead()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "v1.dcgan");
        using var original = new Generator(Small, seed: 4);
        File.WriteAllBytes(path, LegacyModelFiles.Version1(original));

        using Generator loaded = GeneratorFile.Load(path);

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

        ((Action)(() => GeneratorFile.Load(empty))).Should().Throw<InvalidDataException>().WithMessage($"*{empty}*");
        ((Action)(() => GeneratorFile.Load(noise))).Should().Throw<InvalidDataException>().WithMessage($"*{noise}*");
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

        GeneratorFile.Save(generator, path);
        using Generator loaded = GeneratorFile.Load(path);

        loaded.Training.Should().Be(summary);
    }

    private static void SetTraining(Generator generator, TrainingSummary summary) => generator.Training = summary;

    [Fact]
    public void Load_FormatVersion2File_IsStillRead_AndSavingAgainWritesVersion3WithTheGeneratorPartOnly()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "v2.dcgan"), again = Path.Combine(directory.Path, "v3.dcgan");
        using var original = new Generator(Small with { Shape = Small.Shape with { ClassNames = ["a", "b"] } }, seed: 4);
        File.WriteAllBytes(path, LegacyModelFiles.Version2(original));

        using Generator loaded = GeneratorFile.Load(path);
        GeneratorFile.Save(loaded, again);
        IReadOnlyDictionary<string, string> written = SafetensorsFile.Read(File.ReadAllBytes(again), again).Metadata;

        ModelAssertions.SameWeights(original, loaded).Should().BeTrue();
        loaded.Shape.Should().Be(original.Shape);
        loaded.Architecture.Should().Be(original.Architecture);
        written["format_version"].Should().Be("3");
        written.Keys.Should().Contain("generator_feature_maps").And.NotContain(["architecture", "discriminator_feature_maps", "minibatch_stddev", "discriminator_packing"]);
    }

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
            DiscriminatorFile.Save(discriminator, path);

        Action act = () => GeneratorFile.Load(path);

        act.Should().Throw<InvalidDataException>().WithMessage("*holds a discriminator, not a generator*");
    }

    [Fact]
    public void GeneratorFileContent_ReadsTheDescriptionAndTensorsWithoutTorchSharp()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "g.dcgan");
        using var generator = new Generator(Small with { Shape = Small.Shape with { ClassNames = ["a", "b"] } }, seed: 1);
        GeneratorFile.Save(generator, path);

        GeneratorFileContent content = GeneratorFileContent.Read(File.ReadAllBytes(path), path);

        content.Description.LatentSize.Should().Be(16);
        content.Description.ImageSize.Should().Be(28);
        content.Description.Channels.Should().Be(1);
        content.Description.ClassNames.Should().Equal("a", "b");
        var state = generator.state_dict();
        content.Tensors.Keys.Should().BeEquivalentTo(state.Keys);
        foreach ((string key, Tensor value) in state)
            content.Tensors[key].Shape.Should().Equal(value.shape, key);
        using Tensor first = TensorEntries.ToTensor(content.Tensors["main.0.weight"]);
        first.eq(state["main.0.weight"]).all().item<bool>().Should().BeTrue();
    }

    [Fact]
    public void GeneratorFileContent_DiscriminatorOrVersion1File_IsRefusedNamingTheFile()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string discriminatorPath = Path.Combine(directory.Path, "d.dcgan");
        using (var discriminator = new Discriminator(Small, seed: 1))
            DiscriminatorFile.Save(discriminator, discriminatorPath);
        byte[] version1 = [.. "DCGANMDL"u8, 1, 0, 0, 0];

        ((Action)(() => GeneratorFileContent.Read(File.ReadAllBytes(discriminatorPath), discriminatorPath)))
            .Should().Throw<InvalidDataException>().WithMessage($"*{discriminatorPath}*holds a discriminator, not a generator*");
        ((Action)(() => GeneratorFileContent.Read(version1, "old.dcgan")))
            .Should().Throw<InvalidDataException>().WithMessage("*old.dcgan*version 1*only Dcgan.Core reads*");
    }
}
