using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Dcgan.Mnist.Idx;

/// <summary>An unsigned-byte array read from an IDX file: its dimensions and its values, row-major.</summary>
/// <param name="Dimensions">The sizes, outermost first (for MNIST images: count, rows, columns).</param>
/// <param name="Data">The values; its length is the product of <paramref name="Dimensions"/>.</param>
public sealed record IdxArray(IReadOnlyList<int> Dimensions, byte[] Data)
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>The size of the outermost dimension (the number of items).</summary>
    public int Count => Dimensions[0];

    /// <summary>
    /// The SHA-256 (lower-case hex) of this array written as a raw IDX file: the bytes of the decompressed file it came
    /// from, whichever way that file was compressed.
    /// </summary>
    /// <returns>The hash.</returns>
    public string ContentSha256()
    {
        byte[] header = new byte[4 + 4 * Dimensions.Count];
        header[2] = UnsignedByteType;
        header[3] = (byte)Dimensions.Count;
        for (int i = 0; i < Dimensions.Count; i++)
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), Dimensions[i]);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(header);
        hash.AppendData(Data);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
