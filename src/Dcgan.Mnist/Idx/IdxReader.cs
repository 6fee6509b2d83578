using System.Buffers.Binary;
using System.IO.Compression;

namespace Dcgan.Mnist.Idx;

/// <summary>
/// Reads IDX files (LeCun's format for MNIST), raw or gzipped, validating everything: the magic number,
/// the element type (unsigned byte), the dimensions and the exact length.
/// </summary>
/// <remarks>
/// Header: two zero bytes, a type byte (0x08 = unsigned byte), a byte with the number of dimensions, then
/// one big-endian int32 per dimension. The body holds the product of the dimensions in bytes, nothing more.
/// Every failure is an <see cref="InvalidDataException"/> naming the file, the offset and what was expected.
/// </remarks>
public static class IdxReader
{
    private const byte UnsignedByteType = 0x08;
    private const int MaxDimensions = 4;

    /// <summary>Reads an IDX file; gzip is detected from the content, not the name.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The array.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid unsigned-byte IDX file (or not valid gzip).</exception>
    public static IdxArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"IDX file '{path}' does not exist.", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path);
    }

    /// <summary>Reads an IDX array from a stream; gzip is detected from the content.</summary>
    /// <param name="stream">A readable stream at the start of the data; left open.</param>
    /// <param name="source">The name used in error messages, usually the file path.</param>
    /// <returns>The array.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The data is not a valid unsigned-byte IDX array (or not valid gzip).</exception>
    public static IdxArray Read(Stream stream, string source = "(stream)")
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffered = new BufferedStream(stream, 1 << 16);
        int first = buffered.ReadByte();
        if (first < 0)
            throw new InvalidDataException($"'{source}' is empty; expected an IDX file (raw or gzipped).");
        int second = buffered.ReadByte();

        // Put the two sniffed bytes back in front of the rest.
        var prefix = new MemoryStream(second < 0 ? [(byte)first] : [(byte)first, (byte)second]);
        Stream content = new ConcatenatedStream(prefix, buffered);
        bool gzipped = first == 0x1f && second == 0x8b;
        if (!gzipped)
            return ReadRaw(content, source);

        try
        {
            using var gzip = new GZipStream(content, CompressionMode.Decompress, leaveOpen: true);
            return ReadRaw(gzip, source + " (gzip)");
        }
        catch (InvalidDataException ex) when (!ex.Message.StartsWith('\'' + source, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"'{source}' is not valid gzip: {ex.Message}", ex);
        }
    }

    private static IdxArray ReadRaw(Stream stream, string source)
    {
        Span<byte> magic = stackalloc byte[4];
        if (Fill(stream, magic) < 4)
            throw new InvalidDataException($"'{source}' has a truncated header: expected 4 magic bytes at offset 0.");
        if (magic[0] != 0 || magic[1] != 0)
            throw new InvalidDataException($"'{source}' is not an IDX file: expected the magic bytes 00 00 at offset 0, found {magic[0]:X2} {magic[1]:X2}.");
        if (magic[2] != UnsignedByteType)
            throw new InvalidDataException($"'{source}' has element type 0x{magic[2]:X2} at offset 2; only unsigned bytes (0x08) are supported.");
        int rank = magic[3];
        if (rank is < 1 or > MaxDimensions)
            throw new InvalidDataException($"'{source}' declares {rank} dimensions at offset 3; expected 1 to {MaxDimensions}.");

        Span<byte> sizes = stackalloc byte[4 * MaxDimensions];
        if (Fill(stream, sizes[..(4 * rank)]) < 4 * rank)
            throw new InvalidDataException($"'{source}' has a truncated header: expected {rank} dimension sizes ({4 * rank} bytes) at offset 4.");

        var dimensions = new int[rank];
        long length = 1;
        for (int i = 0; i < rank; i++)
        {
            int size = BinaryPrimitives.ReadInt32BigEndian(sizes[(4 * i)..]);
            if (size <= 0)
                throw new InvalidDataException($"'{source}' has dimension {i} of size {size} at offset {4 + 4 * i}; expected a positive size.");
            dimensions[i] = size;
            length *= size;
            if (length > Array.MaxLength)
                throw new InvalidDataException($"'{source}' declares dimensions [{string.Join(", ", dimensions.Take(i + 1))}] holding more than {Array.MaxLength} bytes.");
        }

        int headerLength = 4 + 4 * rank;
        byte[] data = ReadBody(stream, (int)length, out int read);
        if (read < length)
            throw new InvalidDataException($"'{source}' is truncated: dimensions [{string.Join(", ", dimensions)}] need {length} data bytes after the {headerLength}-byte header, but only {read} follow.");
        if (stream.ReadByte() >= 0)
            throw new InvalidDataException($"'{source}' is longer than its dimensions [{string.Join(", ", dimensions)}] declare: data continues past offset {headerLength + length}.");
        return new IdxArray(dimensions, data);
    }

    /// <summary>
    /// Reads up to <paramref name="length"/> bytes, growing the buffer as data arrives rather than allocating what the
    /// header declares: a small or truncated file declaring gigabytes costs what it holds, not what it claims. Where the
    /// stream's length is known and suffices, the buffer is allocated once.
    /// </summary>
    private static byte[] ReadBody(Stream stream, int length, out int read)
    {
        const int FirstChunk = 1 << 20;
        bool lengthKnown = stream.CanSeek && stream.Length - stream.Position >= length;
        byte[] data = new byte[lengthKnown ? length : Math.Min(length, FirstChunk)];
        read = 0;
        while (true)
        {
            read += Fill(stream, data.AsSpan(read));
            if (read < data.Length || data.Length == length)
                return data;
            Array.Resize(ref data, (int)Math.Min(length, 2L * data.Length));
        }
    }

    private static int Fill(Stream stream, Span<byte> buffer) => stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
}
