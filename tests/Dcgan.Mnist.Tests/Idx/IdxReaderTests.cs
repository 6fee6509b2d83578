using System.IO.Compression;
using Dcgan.Mnist.Idx;
using Dcgan.Tests;

namespace Dcgan.Mnist.Tests.Idx;

public sealed class IdxReaderTests
{
    private static string RealFile(string name) => Path.Combine(TestData.MnistDirectory, name);

    [Fact]
    public void Read_RealTrainingImages_Gives60000Of28x28()
    {
        IdxArray images = IdxReader.Read(RealFile("train-images-idx3-ubyte.gz"));

        images.Dimensions.Should().Equal(60000, 28, 28);
        images.Data.Should().HaveCount(60000 * 28 * 28);
    }

    [Fact]
    public void Read_RawAndGzippedForms_GiveTheSameArray()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string raw = Path.Combine(directory.Path, "t10k-labels-idx1-ubyte");
        using (var gzip = new GZipStream(File.OpenRead(RealFile("t10k-labels-idx1-ubyte.gz")), CompressionMode.Decompress))
        using (var output = File.Create(raw))
            gzip.CopyTo(output);

        IdxArray fromRaw = IdxReader.Read(raw);
        IdxArray fromGzip = IdxReader.Read(RealFile("t10k-labels-idx1-ubyte.gz"));

        fromRaw.Dimensions.Should().Equal(10000);
        fromRaw.Data.Should().Equal(fromGzip.Data);
    }

    [Fact]
    public void Read_ValidSmallArray_ReadsDimensionsAndData()
    {
        byte[] file = [0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6];

        IdxArray array = IdxReader.Read(new MemoryStream(file), "small");

        array.Dimensions.Should().Equal(2, 3);
        array.Data.Should().Equal(1, 2, 3, 4, 5, 6);
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "empty", [], "*is empty*" },
        { "wrong magic", [1, 2, 8, 1, 0, 0, 0, 1, 7], "*expected the magic bytes 00 00 at offset 0*" },
        { "not unsigned bytes", [0, 0, 0x0D, 1, 0, 0, 0, 1, 7, 7, 7, 7], "*element type 0x0D at offset 2*" },
        { "zero dimensions", [0, 0, 8, 0], "*0 dimensions at offset 3*" },
        { "truncated header", [0, 0, 8, 3, 0, 0, 0, 1, 0, 0], "*truncated header*3 dimension sizes*offset 4*" },
        { "truncated body", [0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3], "*truncated*need 4 data bytes*only 3 follow*" },
        { "longer than declared", [0, 0, 8, 1, 0, 0, 0, 2, 1, 2, 3], "*longer than its dimensions [2] declare*offset 10*" },
        { "negative dimension", [0, 0, 8, 1, 0xFF, 0xFF, 0xFF, 0xFF], "*dimension 0 of size -1 at offset 4*" },
        { "gzip magic, garbage after", [0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "*not valid gzip*" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Read_CorruptData_ThrowsInvalidDataNamingTheSourceAndWhatWasExpected(string source, byte[] bytes, string message)
    {
        Action act = () => IdxReader.Read(new MemoryStream(bytes), source);

        act.Should().Throw<InvalidDataException>().WithMessage($"'{source}*").WithMessage(message);
    }

    [Fact]
    public void Read_TruncatedGzipOfRealFile_ThrowsInvalidData()
    {
        byte[] bytes = File.ReadAllBytes(RealFile("train-labels-idx1-ubyte.gz"));

        Action act = () => IdxReader.Read(new MemoryStream(bytes[..(bytes.Length / 2)]), "half.gz");

        act.Should().Throw<InvalidDataException>().WithMessage("'half.gz*");
    }

    [Fact]
    public void Read_RandomAndMutatedBytes_OnlyEverThrowsInvalidData()
    {
        var random = new Random(1234);
        byte[] valid = [0, 0, 8, 2, 0, 0, 0, 3, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        for (int i = 0; i < 3000; i++)
        {
            byte[] bytes = i % 2 == 0 ? RandomBytes(random) : Mutate(valid, random);
            try
            {
                IdxReader.Read(new MemoryStream(bytes), "fuzz");
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_HeaderDeclaringAGigabyteOverTenBytes_FailsWithoutAllocatingIt(bool gzipped)
    {
        // [100000, 100, 100]: 1e9 bytes declared, 10 present.
        byte[] file = [0, 0, 8, 3, 0, 1, 0x86, 0xA0, 0, 0, 0, 100, 0, 0, 0, 100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        if (gzipped)
        {
            using var packed = new MemoryStream();
            using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
                gzip.Write(file);
            file = packed.ToArray();
        }
        long before = GC.GetAllocatedBytesForCurrentThread();

        Action act = () => IdxReader.Read(new MemoryStream(file), "declares-a-gigabyte");

        act.Should().Throw<InvalidDataException>().WithMessage("*declares-a-gigabyte*truncated*1000000000 data bytes*only 10 follow*");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(8L << 20, "memory follows the data that is there, not the header's claim");
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFoundNamingIt()
    {
        Action act = () => IdxReader.Read("/nonexistent/file.gz");

        act.Should().Throw<FileNotFoundException>().WithMessage("*/nonexistent/file.gz*");
    }

    private static byte[] RandomBytes(Random random)
    {
        byte[] bytes = new byte[random.Next(0, 40)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        byte[] bytes = valid[..random.Next(0, valid.Length + 1)];
        for (int j = random.Next(1, 4); j > 0 && bytes.Length > 0; j--)
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        return bytes;
    }
}
