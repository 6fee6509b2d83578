using System.Buffers.Binary;
using System.Text;

namespace Dcgan.Tests.Fuzzing;

/// <summary>
/// A structured generator of safetensors files with Dcgan metadata: random tensor entries (names, dtypes, shapes and
/// data ranges drawn from plausible, edge and hostile values) and random manifests, so that the checks behind the JSON
/// parser are reached far more often than byte mutations reach them.
/// </summary>
public static class SafetensorsHeaders
{
    private static readonly string[] Names = ["main.0.weight", "main.1.weight", "main.1.bias", "main.1.running_mean", "main.1.running_var", "main.1.num_batches_tracked", "main.3.weight", "main.6.weight", "main.0.weight", "x", ""];
    private static readonly string[] Dtypes = ["\"F32\"", "\"F32\"", "\"F64\"", "\"I64\"", "\"I32\"", "\"U8\"", "\"F16\"", "\"BF16\"", "\"\"", "\"f32\"", "5", "null", "[\"F32\"]"];
    private static readonly string[] Dimensions = ["0", "1", "2", "4", "7", "8", "16", "100", "-1", "2147483648", "4611686018427387904", "1.5", "\"7\"", "null"];
    private static readonly string[] Offsets = ["0", "4", "64", "4096", "-1", "9223372036854775807", "18446744073709551615", "1e3"];

    private static readonly (string Key, string[] Values)[] Manifest =
    [
        ("format", ["dcgan", "dcgan", "dcgan", "dcgan-checkpoint", "other"]),
        ("format_version", ["3", "3", "2", "1", "4", "x", "-1", "99999999999"]),
        ("kind", ["generator", "generator", "discriminator", "x"]),
        ("latent_size", ["16", "100", "0", "-5", "2147483648", "1000000"]),
        ("image_size", ["28", "28", "32", "64", "27", "0"]),
        ("channels", ["1", "3", "0", "2"]),
        ("class_names", ["[]", "[\"a\",\"b\"]", "[1,2]", "{}", "null", "[\"a\",\"a\"]", "[\"\"]", "[[[[]]]]"]),
        ("generator_feature_maps", ["8", "16", "0", "1048576", "-1", "2147483647"]),
        ("pixel_range", ["[-1,1]", "x"]),
        ("discriminator", ["{\"FeatureMaps\":8,\"Pieces\":[]}", "{\"FeatureMaps\":1048576}", "{\"Pieces\":[{\"name\":\"minibatch-discrimination\",\"Kernels\":512,\"KernelDimensions\":512}]}", "{\"Pieces\":[{\"name\":\"nope\"}]}", "[]"]),
        ("training", ["{}", "{\"Epochs\":-1}", "[1]", "null"]),
    ];

    /// <summary>The first <paramref name="count"/> files.</summary>
    public static IEnumerable<byte[]> Files(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
            yield return File(random);
    }

    private static byte[] File(Random random)
    {
        var header = new StringBuilder("{");
        header.Append("\"__metadata__\":{");
        header.AppendJoin(',', Manifest.Where(_ => random.Next(8) != 0).Select(entry => $"\"{entry.Key}\":{Value(entry.Values[random.Next(entry.Values.Length)], random)}"));
        header.Append('}');
        int dataLength = random.Next(4) == 0 ? random.Next(4096) : 0;
        long offset = 0;
        for (int t = random.Next(7); t > 0; t--)
        {
            string[] shape = [.. Enumerable.Range(0, random.Next(6)).Select(_ => Dimensions[random.Next(Dimensions.Length)])];
            long elements = shape.Aggregate(1L, (n, d) => long.TryParse(d, out long v) && v is >= 0 and < 4096 ? n * v : n);
            long bytes = Math.Min(elements * 4, 1 << 16);
            string range = random.Next(3) switch
            {
                0 => $"[{offset},{offset + bytes}]",
                1 => $"[{Offsets[random.Next(Offsets.Length)]},{Offsets[random.Next(Offsets.Length)]}]",
                _ => random.Next(2) == 0 ? $"[{offset + bytes},{offset}]" : $"[{offset}]",
            };
            header.Append($",\"{Names[random.Next(Names.Length)]}\":{{\"dtype\":{Dtypes[random.Next(Dtypes.Length)]},\"shape\":[{string.Join(',', shape)}],\"data_offsets\":{range}}}");
            offset += bytes;
            dataLength = (int)Math.Max(dataLength, Math.Min(offset, 1 << 18));
        }
        header.Append('}');
        byte[] json = Encoding.UTF8.GetBytes(header.ToString());
        byte[] file = new byte[8 + json.Length + dataLength];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        random.NextBytes(file.AsSpan(8 + json.Length));
        return file;
    }

    /// <summary>A metadata value: safetensors metadata is string to string, so it is a JSON string, except sometimes.</summary>
    private static string Value(string text, Random random) => random.Next(10) switch
    {
        0 => text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '[' or '{' or '-') ? text : "1",
        1 => "{\"nested\":[1,2,{\"deeper\":null}]}",
        _ => System.Text.Json.JsonSerializer.Serialize(text),
    };
}
