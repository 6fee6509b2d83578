using Dcgan.Data;
using Dcgan.Tests;
using Dcgan.Training;
using static TorchSharp.torch;

namespace Dcgan.Core.Tests.Data;

/// <summary>Image folders decoded into a memory-mapped cache file (ImageFolderOptions.CacheFile), on real emoji.</summary>
public sealed class DecodedImageCacheTests
{
    private static ImageFolderSource Source(string folder, string? cacheFile, int limit = 40, string? labelled = null) => new(new ImageFolderOptions
    {
        Path = labelled ?? folder,
        Limit = limit,
        CacheFile = cacheFile,
        LabelsFromSubfolders = labelled is not null,
    });

    [Fact]
    public void Load_WithACacheFile_HoldsPixelBytesThatAreExactlyTheInMemoryImages()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string cache = Path.Combine(directory.Path, "emoji.u8");
        using var scope = NewDisposeScope();

        using ImageData inMemory = Source(TestData.EmojiDirectory, null).Load(32);
        using ImageData mapped = Source(TestData.EmojiDirectory, cache).Load(32);

        mapped.HoldsPixelBytes.Should().BeTrue();
        inMemory.HoldsPixelBytes.Should().BeFalse();
        mapped.Count.Should().Be(40);
        new FileInfo(cache).Length.Should().Be(40L * 3 * 32 * 32, "one byte per pixel and channel, nothing else");
        File.Exists(cache + ".index").Should().BeTrue();
        mapped.ToValues().eq(inMemory.Images).all().item<bool>().Should().BeTrue();
        Tensor some = tensor(new long[] { 39, 0, 7 });
        mapped.Select(some).eq(inMemory.Select(some)).all().item<bool>().Should().BeTrue();
    }

    [Fact]
    public void Load_Again_MapsTheFileWithoutDecoding_UntilAFileOrAnOptionChanges()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        using var folder = TestData.CreateTemporaryDirectory();
        foreach (string file in Directory.GetFiles(TestData.EmojiDirectory, "*.png").Order(StringComparer.Ordinal).Take(10))
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        string cache = Path.Combine(directory.Path, "emoji.u8");
        using var scope = NewDisposeScope();
        using (ImageData first = Source(folder.Path, cache).Load(28))
            first.Count.Should().Be(10);

        // Mark the cached pixels: a load that maps the file sees the mark, a load that decodes does not.
        using (var stream = new FileStream(cache, FileMode.Open, FileAccess.Write))
            stream.Write(new byte[16]);
        using (ImageData second = Source(folder.Path, cache).Load(28))
            second.Images.narrow(0, 0, 1).flatten().narrow(0, 0, 16).eq(0).all().item<bool>().Should().BeTrue("the unchanged folder is served from the cache");
        using (ImageData otherSize = Source(folder.Path, cache).Load(32))
            otherSize.ImageSize.Should().Be(32);

        File.SetLastWriteTimeUtc(Directory.GetFiles(folder.Path).Order(StringComparer.Ordinal).First(), DateTime.UtcNow.AddMinutes(1));
        using ImageData third = Source(folder.Path, cache).Load(32);
        using ImageData fresh = Source(folder.Path, null).Load(32);
        third.ToValues().eq(fresh.Images).all().item<bool>().Should().BeTrue("a changed file decodes the folder again");
    }

    [Fact]
    public void Load_ADamagedIndexOrATruncatedCache_IsRebuiltNotTrusted()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string cache = Path.Combine(directory.Path, "emoji.u8");
        using var scope = NewDisposeScope();
        using ImageData reference = Source(TestData.EmojiDirectory, null, limit: 12).Load(28);
        Source(TestData.EmojiDirectory, cache, limit: 12).Load(28).Dispose();

        File.WriteAllText(cache + ".index", "dcgan-decoded-images 1\nnot a fingerprint");
        using (ImageData afterIndex = Source(TestData.EmojiDirectory, cache, limit: 12).Load(28))
            afterIndex.ToValues().eq(reference.Images).all().item<bool>().Should().BeTrue();

        using (var stream = new FileStream(cache, FileMode.Open, FileAccess.Write))
            stream.SetLength(100);
        using ImageData afterTruncation = Source(TestData.EmojiDirectory, cache, limit: 12).Load(28);
        afterTruncation.ToValues().eq(reference.Images).all().item<bool>().Should().BeTrue();
        new FileInfo(cache).Length.Should().Be(12L * 3 * 28 * 28);
    }

    [Fact]
    public void Training_FromTheCache_IsBitIdenticalToTrainingFromMemory()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string cache = Path.Combine(directory.Path, "emoji.u8");

        double[] Losses(string? cacheFile)
        {
            using TrainingResult result = new DcganBuilder()
                .WithDataSource(Source(TestData.EmojiDirectory, cacheFile, limit: 64))
                .WithFeatureMaps(8, 8).WithBatchSize(16).WithEpochs(1).WithSeed(3).WithThreads(1)
                .Train();
            return [result.History[0].DiscriminatorLoss, result.History[0].GeneratorLoss];
        }

        Losses(cache).Should().Equal(Losses(null));
    }
}
