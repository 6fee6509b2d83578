using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dcgan.Persistence;

/// <summary>
/// Reads and writes the safetensors format (Hugging Face): a little-endian u64 header length, a JSON
/// header mapping each tensor name to its dtype, shape and byte range, an optional <c>__metadata__</c>
/// object of string pairs, then the raw little-endian tensor bytes. Pure data: nothing in the file is
/// ever executed, and every offset is checked against the file before use. Tensors stay raw bytes here; Dcgan.Core
/// turns them into TorchSharp tensors, another backend into its own.
/// </summary>
internal static class SafetensorsFile
{
    private const string MetadataKey = "__metadata__";
    private const long MaxHeaderBytes = 100L << 20;
    private const int MaxDepth = 16;

    // Readable metadata: JSON inside the metadata strings keeps plain quotes (\" rather than \u0022).
    private static readonly JsonSerializerOptions HeaderJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Stream stream, IReadOnlyDictionary<string, string> metadata, IEnumerable<SafetensorsEntry> tensors)
    {
        var header = new JsonObject { [MetadataKey] = new JsonObject(metadata.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))) };
        var payloads = new List<ReadOnlyMemory<byte>>();
        long offset = 0;
        foreach (SafetensorsEntry tensor in tensors)
        {
            header[tensor.Name] = new JsonObject
            {
                ["dtype"] = tensor.Dtype,
                ["shape"] = new JsonArray(tensor.Shape.Select(d => (JsonNode?)JsonValue.Create(d)).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + tensor.Data.Length),
            };
            payloads.Add(tensor.Data);
            offset += tensor.Data.Length;
        }

        byte[] json = Encoding.UTF8.GetBytes(header.ToJsonString(HeaderJson));
        // Pad the header with spaces to a multiple of 8 so the data is aligned, as the reference writer does.
        int padded = (json.Length + 7) / 8 * 8;
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(json);
        for (int i = json.Length; i < padded; i++)
            stream.WriteByte((byte)' ');
        foreach (ReadOnlyMemory<byte> payload in payloads)
            stream.Write(payload.Span);
    }

    /// <summary>Parses a whole safetensors file already in memory; the entries are views into <paramref name="all"/>, not copies.</summary>
    public static SafetensorsContent Read(byte[] all, string source)
    {
        if (all.Length < 8)
            throw new InvalidDataException($"'{source}' is too short to be a model file ({all.Length} bytes).");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(all);
        if (headerLength < 2 || headerLength > (ulong)Math.Min(MaxHeaderBytes, all.Length - 8))
            throw new InvalidDataException($"'{source}' is not a Dcgan model file: the safetensors header length {headerLength} at offset 0 does not fit the {all.Length}-byte file.");

        // The JSON reader accepts invalid UTF-8 until a string is read from it, and then throws InvalidOperationException.
        if (!System.Text.Unicode.Utf8.IsValid(all.AsSpan(8, (int)headerLength)))
            throw new InvalidDataException($"'{source}' is not a Dcgan model file: its header at offset 8 is not valid UTF-8.");
        JsonObject header;
        try
        {
            // A repeated name would otherwise keep whichever came last, or throw from deep inside the parser.
            header = JsonNode.Parse(all.AsSpan(8, (int)headerLength), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = MaxDepth }) as JsonObject
                ?? throw new InvalidDataException($"'{source}' has a safetensors header that is not a JSON object.");
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"'{source}' is not a Dcgan model file: its header at offset 8 is not valid JSON, repeats a name or nests deeper than {MaxDepth} ({ex.Message}).", ex);
        }

        long dataStart = 8 + (long)headerLength;
        long dataLength = all.Length - dataStart;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
        var ranges = new List<(string Name, long Begin, long End)>();
        foreach ((string name, JsonNode? node) in header)
        {
            if (name == MetadataKey)
            {
                if (node is JsonObject meta)
                {
                    foreach ((string key, JsonNode? value) in meta)
                        metadata[key] = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString() ?? "";
                }
                continue;
            }
            SafetensorsEntry entry = ParseEntry(name, node, all, dataStart, dataLength, source, out long begin);
            entries[name] = entry;
            ranges.Add((name, begin, begin + entry.Data.Length));
        }
        RequireDisjoint(ranges, source);
        return new SafetensorsContent(metadata, entries);
    }

    private static SafetensorsEntry ParseEntry(string name, JsonNode? node, byte[] all, long dataStart, long dataLength, string source, out long begin)
    {
        try
        {
            string dtype = node!["dtype"]!.GetValue<string>();
            long[] shape = node["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
            begin = node["data_offsets"]![0]!.GetValue<long>();
            long end = node["data_offsets"]![1]!.GetValue<long>();
            int size = ElementSize(dtype);
            if (size == 0)
                throw new InvalidDataException($"'{source}': tensor '{name}' has unsupported dtype '{dtype}'.");
            if (shape.Any(d => d < 0))
                throw new InvalidDataException($"'{source}': tensor '{name}' has a negative dimension in shape [{string.Join(", ", shape)}].");
            long expected = checked(shape.Aggregate(1L, (a, b) => a * b) * size);
            if (begin < 0 || end < begin || end > dataLength)
                throw new InvalidDataException($"'{source}' is truncated or corrupt: tensor '{name}' spans bytes {begin}..{end} of a {dataLength}-byte data section.");
            if (end - begin != expected)
                throw new InvalidDataException($"'{source}': tensor '{name}' of shape [{string.Join(", ", shape)}] and dtype {dtype} needs {expected} bytes, but its range holds {end - begin}.");
            var entry = new SafetensorsEntry(name, dtype, shape, all.AsMemory((int)(dataStart + begin), (int)(end - begin)));
            RequireFinite(entry, source);
            return entry;
        }
        catch (OverflowException ex)
        {
            throw new InvalidDataException($"'{source}': tensor '{name}' declares a shape whose size overflows.", ex);
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw new InvalidDataException($"'{source}': the header entry for tensor '{name}' is malformed (expected dtype, shape and data_offsets).", ex);
        }
    }

    /// <summary>Two tensors sharing bytes would alias each other's weights: refused, naming both. Empty tensors share nothing.</summary>
    private static void RequireDisjoint(List<(string Name, long Begin, long End)> ranges, string source)
    {
        (string Name, long Begin, long End)? previous = null;
        foreach ((string Name, long Begin, long End) range in ranges.Where(r => r.End > r.Begin).OrderBy(r => r.Begin))
        {
            if (previous is { } last && range.Begin < last.End)
                throw new InvalidDataException($"'{source}' is corrupt: the data of tensors '{last.Name}' and '{range.Name}' overlap (bytes {range.Begin}..{last.End}).");
            previous = range;
        }
    }

    /// <summary>A NaN or infinite weight makes blank or garbage images: refused at load, naming the tensor and the element.</summary>
    private static void RequireFinite(SafetensorsEntry entry, string source)
    {
        int bad = entry.Dtype switch
        {
            "F32" => FirstNonFinite<float>(entry.Data.Span),
            "F64" => FirstNonFinite<double>(entry.Data.Span),
            _ => -1,
        };
        if (bad >= 0)
        {
            string value = entry.Dtype == "F32"
                ? BinaryPrimitives.ReadSingleLittleEndian(entry.Data.Span[(4 * bad)..]).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : BinaryPrimitives.ReadDoubleLittleEndian(entry.Data.Span[(8 * bad)..]).ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new InvalidDataException($"'{source}': tensor '{entry.Name}' holds a non-finite value ({value}) at element {bad}; a model file's weights must be finite.");
        }
    }

    /// <summary>The index of the first NaN or infinity among the little-endian elements in <paramref name="bytes"/>, or -1.</summary>
    private static int FirstNonFinite<T>(ReadOnlySpan<byte> bytes) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        // The format is little-endian, as is every platform TorchSharp and ONNX Runtime ship for.
        ReadOnlySpan<T> values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(bytes);
        for (int i = 0; i < values.Length; i++)
        {
            if (!T.IsFinite(values[i]))
                return i;
        }
        return -1;
    }

    /// <summary>Bytes per element of a safetensors dtype this library reads, or 0 for any other.</summary>
    public static int ElementSize(string dtype) => dtype switch { "F32" or "I32" => 4, "F64" or "I64" => 8, "U8" => 1, _ => 0 };
}
