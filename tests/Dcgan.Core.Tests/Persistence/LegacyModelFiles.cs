using System.Text;
using System.Text.Json;
using Dcgan.Persistence;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Core.Tests.Persistence;

/// <summary>Generator files as the earlier formats wrote them, for the compatibility tests and the fuzz seeds.</summary>
internal static class LegacyModelFiles
{
    /// <summary>Format 1 (Dcgan 0.1 previews): magic <c>DCGANMDL</c>, int32 version, int32 manifest length, the JSON manifest, TorchSharp's state-dict bytes.</summary>
    public static byte[] Version1(Generator generator)
    {
        using var stream = new MemoryStream();
        byte[] manifest = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { Kind = "Generator", Architecture = FlatArchitecture(generator) }));
        stream.Write("DCGANMDL"u8);
        stream.Write(BitConverter.GetBytes(1));
        stream.Write(BitConverter.GetBytes(manifest.Length));
        stream.Write(manifest);
        generator.save(stream);
        return stream.ToArray();
    }

    /// <summary>Format 2: the same tensors as format 3, with the whole pair's architecture as one flat JSON record and the discriminator's settings as keys of their own.</summary>
    public static byte[] Version2(Generator generator)
    {
        using var current = new MemoryStream();
        GeneratorFile.Save(generator, current);
        SafetensorsContent content = SafetensorsFile.Read(current.ToArray(), "version 3");
        var metadata = new Dictionary<string, string>(content.Metadata)
        {
            ["format_version"] = "2",
            ["architecture"] = JsonSerializer.Serialize(FlatArchitecture(generator)),
            ["discriminator_feature_maps"] = "8",
            ["minibatch_stddev"] = "false",
            ["discriminator_packing"] = "1",
        };
        using var stream = new MemoryStream();
        SafetensorsFile.Write(stream, metadata, content.Tensors.Values);
        return stream.ToArray();
    }

    /// <summary>The one flat architecture record that formats 1 and 2 held.</summary>
    private static object FlatArchitecture(Generator generator) => new
    {
        generator.Shape.LatentSize, generator.Shape.ImageSize, generator.Shape.Channels, GeneratorFeatureMaps = generator.Architecture.FeatureMaps,
        DiscriminatorFeatureMaps = 8, MinibatchStdDev = false, generator.Shape.ClassNames,
    };
}
