using System.Buffers.Binary;
using System.Text;
using Dcgan.Inference;
using Dcgan.Models;
using Dcgan.Persistence;
using Dcgan.Tests;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Core.Tests.Persistence;

/// <summary>Crafted model files: each structural defect of the safetensors container is the documented InvalidDataException naming the file.</summary>
public sealed class HostileModelFileTests
{
    /// <summary>A safetensors file from a header written by hand and <paramref name="dataBytes"/> zero bytes of data.</summary>
    private static byte[] Crafted(string header, int dataBytes)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        byte[] file = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        return file;
    }

    /// <summary>A valid generator file of <see cref="Models.GeneratorTests.Small"/>, to damage.</summary>
    private static byte[] SmallGeneratorFile()
    {
        using var stream = new MemoryStream();
        using (var generator = new Generator(Models.GeneratorTests.Small, seed: 1))
            GeneratorFile.Save(generator, stream);
        return stream.ToArray();
    }

    private static void ShouldBeRefused(byte[] file, string message)
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "hostile.dcgan");
        File.WriteAllBytes(path, file);

        Action torch = () => GeneratorFile.Load(path).Dispose();
        Action reader = () => GeneratorFileContent.Read(path);

        torch.Should().Throw<InvalidDataException>().WithMessage($"*hostile.dcgan*{message}*");
        reader.Should().Throw<InvalidDataException>().WithMessage($"*hostile.dcgan*{message}*");
    }

    [Fact]
    public void RepeatedTensorName_IsRefused() => ShouldBeRefused(
        Crafted("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8),
        "repeats a name");

    [Fact]
    public void OverlappingDataRanges_AreRefusedNamingBothTensors() => ShouldBeRefused(
        Crafted("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12),
        "'a' and 'b' overlap");

    [Fact]
    public void ShapeWhoseSizeOverflows_IsRefused() => ShouldBeRefused(
        Crafted("""{"a":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,0]}}""", 0),
        "'a' declares a shape whose size overflows");

    [Fact]
    public void UnknownDtype_IsRefusedNamingIt() => ShouldBeRefused(
        Crafted("""{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}""", 4),
        "unsupported dtype 'F16'");

    [Fact]
    public void DeeplyNestedMetadata_IsRefusedInBoundedWork() => ShouldBeRefused(
        Crafted("""{"__metadata__":""" + new string('[', 5000) + new string(']', 5000) + "}", 0),
        "nests deeper than 16");

    [Fact]
    public void DataRangeOutsideTheFile_IsRefused() => ShouldBeRefused(
        Crafted("""{"a":{"dtype":"F32","shape":[1000000],"data_offsets":[0,4000000]}}""", 16),
        "truncated or corrupt");

    [Fact]
    public void NonFiniteWeight_IsRefusedNamingTheTensorAndElement()
    {
        byte[] file = SmallGeneratorFile();
        SafetensorsEntry weight = SafetensorsFile.Read(file, "small").Tensors.Values.First(t => t.Dtype == "F32" && t.Shape.Length == 4);
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(weight.Data, out ArraySegment<byte> segment).Should().BeTrue();
        BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(segment.Offset + 4 * 3), float.NaN);

        ShouldBeRefused(file, $"tensor '{weight.Name}' holds a non-finite value (NaN) at element 3");
    }

    // A generator that small files declare as 2^20 feature maps: its first weight alone would be [16, 2^21, 7, 7], 6.6 GB.
    private const int HugeFeatureMaps = 1 << 20;

    [Fact]
    public void DeclaredArchitectureFarLargerThanTheTensors_IsRefusedBeforeAnyWeightIsAllocated()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "hostile.dcgan");
        SafetensorsContent content = SafetensorsFile.Read(SmallGeneratorFile(), path);
        var metadata = new Dictionary<string, string>(content.Metadata) { ["generator_feature_maps"] = HugeFeatureMaps.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        using (FileStream stream = File.Create(path))
            SafetensorsFile.Write(stream, metadata, content.Tensors.Values);

        long before = Environment.WorkingSet;
        Action load = () => GeneratorFile.Load(path).Dispose();

        load.Should().Throw<InvalidDataException>()
            .WithMessage("*hostile.dcgan*does not match the architecture it declares*'main.0.weight' has shape [16, 16, 7, 7] in the file but [16, 2097152, 7, 7] in the model*");
        (Environment.WorkingSet - before).Should().BeLessThan(256L << 20, "the declared shapes are compared on the meta device, before any weight exists");
    }

    [Fact]
    public void CheckpointDeclaringAnotherArchitecture_IsRefusedBeforeTheNetworksAreBuilt()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "hostile.dcgan-ckpt");
        DcganArchitecture huge = Models.GeneratorTests.Small with { Discriminator = Models.GeneratorTests.Small.Discriminator with { FeatureMaps = HugeFeatureMaps } };
        using (var generator = new Generator(Models.GeneratorTests.Small, seed: 1))
        using (var discriminator = new Discriminator(Models.GeneratorTests.Small, seed: 1))
        {
            var metadata = new Dictionary<string, string>
            {
                [CheckpointFile.ArchitectureKey] = System.Text.Json.JsonSerializer.Serialize(huge),
                ["optimization"] = System.Text.Json.JsonSerializer.Serialize(new Dcgan.Training.OptimizationOptions()),
                ["epoch"] = "1",
            };
            CheckpointFile.Write(path, metadata, [
                .. generator.state_dict().Select(p => TensorEntries.ToEntry("generator." + p.Key, p.Value)),
                .. discriminator.state_dict().Select(p => TensorEntries.ToEntry("discriminator." + p.Key, p.Value))]);
        }

        long before = Environment.WorkingSet;
        Action resume = () => new DcganBuilder().WithResumeFrom(path).Build().Dispose();

        resume.Should().Throw<DcganValidationException>()
            .WithMessage("*ResumeFrom*hostile.dcgan-ckpt*does not match the architecture it declares*'discriminator.main.0.weight' has shape [8, 1, 4, 4] in the file but [1048576, 1, 4, 4] in the model*");
        (Environment.WorkingSet - before).Should().BeLessThan(256L << 20);
    }
}
