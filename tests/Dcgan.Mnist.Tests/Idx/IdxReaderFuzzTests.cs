using System.IO.Compression;
using Dcgan.Mnist.Idx;
using Dcgan.Tests;
using Dcgan.Tests.Fuzzing;
using Xunit.Abstractions;

namespace Dcgan.Mnist.Tests.Idx;

/// <summary>
/// Slow tier: IDX files cut from the real MNIST files (images and labels), raw and gzipped, mutated, truncated and
/// spliced, and mutated raw files gzipped again (so the IDX checks behind a valid gzip stream are reached): each reads
/// or is refused with <see cref="InvalidDataException"/> naming the file, within the time limit and without allocating
/// what a header declares but the file does not hold.
/// </summary>
[Trait("Category", "Slow")]
[Collection(nameof(FuzzCollection))]
public sealed class IdxReaderFuzzTests(ITestOutputHelper output)
{
    /// <summary>The first <paramref name="count"/> items of a real IDX file, with the count in its header set to match.</summary>
    private static byte[] FirstItems(string file, int count, int itemBytes, int headerBytes)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(TestData.MnistDirectory, file)), CompressionMode.Decompress);
        byte[] bytes = new byte[headerBytes + count * itemBytes];
        gzip.ReadExactly(bytes);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        return bytes;
    }

    private static byte[] Gzip(byte[] raw)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(raw);
        return packed.ToArray();
    }

    [Fact]
    public void Read_MutatedRealIdxFiles_ReadOrAreRefusedNamingTheFile()
    {
        byte[] images = FirstItems("train-images-idx3-ubyte.gz", 20, 28 * 28, 16);
        byte[] labels = FirstItems("train-labels-idx1-ubyte.gz", 200, 1, 8);
        byte[][] raw = [images, labels];
        // The header is the first 16 bytes at most; the rest are pixels whose values the reader does not judge.
        var rawMutator = new Mutator(raw, _ => 16);
        var gzipMutator = new Mutator([.. raw.Select(Gzip)], file => Math.Min(file.Length, 64));
        IEnumerable<byte[]> inputs = rawMutator.Inputs(4000, seed: 21)
            .Concat(rawMutator.Inputs(3000, seed: 22).Select(Gzip))
            .Concat(gzipMutator.Inputs(3000, seed: 23));

        FuzzRunner.Run("idx-reader", ".idx", inputs, path => IdxReader.Read(path), [typeof(InvalidDataException)], output);
    }
}
