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
            entries[name] = ParseEntry(name, node, all, dataStart, dataLength, source);
        }
        RequireDisjoint(entries.Values, all, dataStart, source);
        return new SafetensorsContent(metadata, entries);
    }

    private static SafetensorsEntry ParseEntry(string name, JsonNode? node, byte[] all, long dataStart, long dataLength, string source)
    {
        try
        {
            string dtype = node!["dtype"]!.GetValue<string>();
            long[] shape = node["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
            long begin = node["data_offsets"]![0]!.GetValue<long>();
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

    /// <summary>Two tensors sharing bytes would alias each other's weights: refused, naming both.</summary>
    private static void RequireDisjoint(IEnumerable<SafetensorsEntry> entries, byte[] all, long dataStart, string source)
    {
        SafetensorsEntry? previous = null;
        long previousEnd = 0;
        foreach ((SafetensorsEntry entry, long begin) in entries.Select(e => (e, Offset(e))).OrderBy(p => p.Item2).ThenBy(p => p.e.Data.Length))
        {
            if (previous is not null && begin < previousEnd && entry.Data.Length > 0)
                throw new InvalidDataException($"'{source}' is corrupt: the data of tensors '{previous.Name}' and '{entry.Name}' overlap (bytes {begin}..{previousEnd}).");
            if (entry.Data.Length > 0)
            {
                previous = entry;
                previousEnd = begin + entry.Data.Length;
            }
        }

        long Offset(SafetensorsEntry entry) =>
            System.Runtime.InteropServices.MemoryMarshal.TryGetArray(entry.Data, out ArraySegment<byte> segment) ? segment.Offset - dataStart : 0;
    }

    /// <summary>A NaN or infinite weight makes blank or garbage images: refused at load, naming the tensor and the element.</summary>
    private static void RequireFinite(SafetensorsEntry entry, string source)
    {
        ReadOnlySpan<byte> bytes = entry.Data.Span;
        if (entry.Dtype == "F32")
        {
            for (int i = 0; i < bytes.Length; i += 4)
            {
                float value = BinaryPrimitives.ReadSingleLittleEndian(bytes[i..]);
                if (!float.IsFinite(value))
                    throw new InvalidDataException($"'{source}': tensor '{entry.Name}' holds a non-finite value ({value}) at element {i / 4}; a model file's weights must be finite.");
            }
        }
        else if (entry.Dtype == "F64")
        {
            for (int i = 0; i < bytes.Length; i += 8)
            {
                double value = BinaryPrimitives.ReadDoubleLittleEndian(bytes[i..]);
                if (!double.IsFinite(value))
                    throw new InvalidDataException($"'{source}': tensor '{entry.Name}' holds a non-finite value ({value}) at element {i / 8}; a model file's weights must be finite.");
            }
        }
    }

    /// <summary>Bytes per element of a safetensors dtype this library reads, or 0 for any other.</summary>
    public static int ElementSize(string dtype) => dtype switch { "F32" or "I32" => 4, "F64" or "I64" => 8, "U8" => 1, _ => 0 };
}
