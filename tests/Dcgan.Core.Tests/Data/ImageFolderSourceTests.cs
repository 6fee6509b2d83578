using System.Buffers.Binary;
using Dcgan.Data;
using Dcgan.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using static TorchSharp.torch;

namespace Dcgan.Core.Tests.Data;

/// <summary>Image folders on real files: the emoji of shared/emoji-64 and folders built from them.</summary>
public sealed class ImageFolderSourceTests
{
    private static string Emoji(string name) => Path.Combine(TestData.EmojiDirectory, name);

    private static ImageData Load(string path, int size = 64, Action<ImageFolderOptions>? configure = null) => Source(path, configure).Load(size);

    private static ImageFolderSource Source(string path, Action<ImageFolderOptions>? configure = null)
    {
        var options = new ImageFolderOptions { Path = path };
        configure?.Invoke(options);
        return new ImageFolderSource(options);
    }

    [Fact]
    public void Load_TheEmojiFolder_ReadsEveryPngWhateverItsPixelFormat_AndIgnoresOtherFiles()
    {
        int pngs = Directory.GetFiles(TestData.EmojiDirectory, "*.png").Length;
        Directory.GetFiles(TestData.EmojiDirectory).Length.Should().BeGreaterThan(pngs, "the folder also holds its README and licences");

        using ImageData data = Load(TestData.EmojiDirectory, 32);

        data.Count.Should().Be(pngs);
        data.Images.shape.Should().Equal(pngs, 3, 32, 32);
        data.Labels.Should().BeNull();
        data.Images.min().item<float>().Should().BeGreaterThanOrEqualTo(-1f);
        data.Images.max().item<float>().Should().BeLessThanOrEqualTo(1f);
    }

    [Fact]
    public void Load_TransparentPixels_BecomeTheBackground()
    {
        using var folder = TestData.CreateTemporaryDirectory();
        File.Copy(Emoji("1f600.png"), Path.Combine(folder.Path, "grin.png"));
        using (Image<Rgba32> original = Image.Load<Rgba32>(Emoji("1f600.png")))
            original[0, 0].A.Should().Be(0, "the corner of this emoji is transparent");

        using ImageData white = Load(folder.Path);
        using ImageData black = Load(folder.Path, configure: o => o.Background = Color.Black);

        white.Images[0, .., 0, 0].eq(1f).all().item<bool>().Should().BeTrue();
        black.Images[0, .., 0, 0].eq(-1f).all().item<bool>().Should().BeTrue();
        white.Images[0, .., 32, 32].eq(black.Images[0, .., 32, 32]).all().item<bool>().Should().BeTrue("opaque pixels do not depend on the background");
    }

    [Fact]
    public void Load_GrayscaleJpegBmpAndGifCopies_AllDecode_AndGrayscaleIsOneChannel()
    {
        using var folder = TestData.CreateTemporaryDirectory();
        using (Image<Rgba32> image = Image.Load<Rgba32>(Emoji("1f600.png")))
        {
            image.Mutate(x => x.BackgroundColor(Color.White));
            image.SaveAsJpeg(Path.Combine(folder.Path, "a.jpg"));
            image.SaveAsBmp(Path.Combine(folder.Path, "b.bmp"));
            image.SaveAsGif(Path.Combine(folder.Path, "c.gif"));
            using Image<L8> gray = image.CloneAs<L8>();
            gray.SaveAsPng(Path.Combine(folder.Path, "d.png"));
        }

        using ImageData rgb = Load(folder.Path, 28);
        using ImageData grayscale = Load(folder.Path, 28, o => o.Channels = 1);

        rgb.Images.shape.Should().Equal(4, 3, 28, 28);
        grayscale.Images.shape.Should().Equal(4, 1, 28, 28);
        // The grayscale PNG read as RGB has three equal channels.
        rgb.Images[3, 0].eq(rgb.Images[3, 2]).all().item<bool>().Should().BeTrue();
    }

    [Fact]
    public void Load_PadKeepsAWideImageWhole_WhileCropCutsItsSides()
    {
        using var folder = TestData.CreateTemporaryDirectory();
        using (Image<Rgba32> image = Image.Load<Rgba32>(Emoji("1f600.png")))
        {
            image.Mutate(x => x.BackgroundColor(Color.Black).Resize(64, 32));
            image.SaveAsPng(Path.Combine(folder.Path, "wide.png"));
        }

        using ImageData padded = Load(folder.Path, configure: o => { o.Fit = ImageFolderFit.Pad; o.Background = Color.Red; });
        using ImageData cropped = Load(folder.Path, configure: o => o.Background = Color.Red);

        using Tensor red = tensor(new[] { 1f, -1f, -1f });
        padded.Images[0, .., 0, 32].eq(red).all().item<bool>().Should().BeTrue("a padded wide image has background rows above it");
        cropped.Images[0, .., 0, 32].eq(red).all().item<bool>().Should().BeFalse("a cropped one fills the square");
    }

    [Fact]
    public void Load_LabelsFromSubfolders_NamesTheClassesInOrderAndLabelsNestedFiles()
    {
        using var folder = TestData.CreateTemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(folder.Path, "faces", "happy"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "digits"));
        File.Copy(Emoji("1f600.png"), Path.Combine(folder.Path, "faces", "happy", "grin.png"));
        File.Copy(Emoji("1f641.png"), Path.Combine(folder.Path, "faces", "frown.png"));
        File.Copy(Emoji("0031-fe0f-20e3.png"), Path.Combine(folder.Path, "digits", "one.png"));
        ImageFolderSource source = Source(folder.Path, o => o.LabelsFromSubfolders = true);

        using ImageData data = source.Load(28);

        source.ClassNames.Should().Equal("digits", "faces");
        data.Labels!.data<long>().ToArray().Should().Equal([0L, 1L, 1L], "files are read in path order: digits/one, faces/frown, faces/happy/grin");
    }

    [Fact]
    public void Load_LabelsFromSubfolders_AnImageOutsideAClassFolder_IsNamed()
    {
        using var folder = TestData.CreateTemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(folder.Path, "faces"));
        File.Copy(Emoji("1f600.png"), Path.Combine(folder.Path, "faces", "grin.png"));
        File.Copy(Emoji("1f641.png"), Path.Combine(folder.Path, "stray.png"));

        Action act = () => Load(folder.Path, configure: o => o.LabelsFromSubfolders = true).Dispose();

        act.Should().Throw<InvalidDataException>().WithMessage("*stray.png*class folder*");
    }

    [Fact]
    public void Load_BrokenFiles_AreSkippedAndNamed_OrStopTheLoadNamingTheFirst()
    {
        using var folder = TestData.CreateTemporaryDirectory();
        File.Copy(Emoji("1f600.png"), Path.Combine(folder.Path, "b-good.png"));
        File.WriteAllBytes(Path.Combine(folder.Path, "a-empty.png"), []);
        File.WriteAllBytes(Path.Combine(folder.Path, "c-truncated.png"), File.ReadAllBytes(Emoji("1f641.png"))[..120]);
        File.WriteAllText(Path.Combine(folder.Path, "d-text.jpg"), "not a picture");
        File.WriteAllText(Path.Combine(folder.Path, "notes.txt"), "ignored: not an image extension");
        ImageFolderSource skipping = Source(folder.Path);

        using ImageData data = skipping.Load(28);
        Action stop = () => Load(folder.Path, 28, o => o.UndecodableImages = UndecodableImagePolicy.Stop).Dispose();

        data.Count.Should().Be(1);
        skipping.SkippedFiles.Should().HaveCount(3).And.Contain(f => f.Contains("a-empty.png")).And.Contain(f => f.Contains("c-truncated.png")).And.Contain(f => f.Contains("d-text.jpg"));
        skipping.Description.Should().Contain("3 undecodable skipped");
        stop.Should().Throw<InvalidDataException>().WithMessage("*a-empty.png*");
    }

    [Fact]
    public void Load_AnImageDeclaringHugeDimensions_IsSkippedWithoutDecoding()
    {
        using var folder = TestData.CreateTemporaryDirectory();
        File.Copy(Emoji("1f600.png"), Path.Combine(folder.Path, "good.png"));
        File.WriteAllBytes(Path.Combine(folder.Path, "huge.png"), PngHeader(width: 100_000, height: 100_000));
        ImageFolderSource source = Source(folder.Path);

        using ImageData data = source.Load(28);

        data.Count.Should().Be(1);
        source.SkippedFiles.Should().ContainSingle().Which.Should().Contain("huge.png").And.Contain("100000x100000");
    }

    [Fact]
    public void Load_EmptyFolderNothingDecodableOrNoFolder_FailsNamingTheFolder()
    {
        using var empty = TestData.CreateTemporaryDirectory();
        using var broken = TestData.CreateTemporaryDirectory();
        File.WriteAllBytes(Path.Combine(broken.Path, "empty.png"), []);
        string missing = Path.Combine(empty.Path, "missing");

        Action none = () => Load(empty.Path).Dispose();
        Action undecodable = () => Load(broken.Path).Dispose();
        Action absent = () => Load(missing).Dispose();

        none.Should().Throw<InvalidDataException>().WithMessage($"*'{empty.Path}' holds no image files*");
        undecodable.Should().Throw<InvalidDataException>().WithMessage("*none decodes*empty.png*");
        absent.Should().Throw<DirectoryNotFoundException>().WithMessage($"*'{missing}'*");
    }

    [Fact]
    public void Load_Twice_GivesTheSameImages_AndALimitTakesTheFirstInPathOrder()
    {
        using ImageData first = Load(TestData.EmojiDirectory, 28, o => o.Limit = 20);
        using ImageData again = Load(TestData.EmojiDirectory, 28, o => o.Limit = 20);
        using var folder = TestData.CreateTemporaryDirectory();
        foreach (string file in Directory.GetFiles(TestData.EmojiDirectory, "*.png").Order(StringComparer.Ordinal).Take(20))
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        using ImageData copied = Load(folder.Path, 28);

        first.Count.Should().Be(20);
        first.Images.eq(again.Images).all().item<bool>().Should().BeTrue();
        first.Images.eq(copied.Images).all().item<bool>().Should().BeTrue();
    }

    [Fact]
    public void Load_AnImageSmallerThanTheTarget_IsScaledUpToIt()
    {
        using var folder = TestData.CreateTemporaryDirectory();
        using (Image<Rgba32> tiny = Image.Load<Rgba32>(Emoji("1f600.png")))
        {
            tiny.Mutate(x => x.Resize(12, 12));
            tiny.SaveAsPng(Path.Combine(folder.Path, "tiny.png"));
        }

        using ImageData data = Load(folder.Path, 64);

        data.Images.shape.Should().Equal(1, 3, 64, 64);
        // Still a face, not a border: the yellow of the emoji reaches the centre.
        data.Images[0, 0, 32, 32].item<float>().Should().BeGreaterThan(0.5f);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        Action act = () => Source("", o => { o.Channels = 2; o.Limit = 0; });

        act.Should().Throw<ArgumentException>().WithMessage("*Path*Channels*2*Limit*0*");
    }

    /// <summary>A PNG signature and a valid IHDR chunk declaring <paramref name="width"/> x <paramref name="height"/> RGBA pixels, and nothing else.</summary>
    private static byte[] PngHeader(int width, int height)
    {
        var chunk = new byte[17];
        "IHDR"u8.CopyTo(chunk);
        BinaryPrimitives.WriteInt32BigEndian(chunk.AsSpan(4), width);
        BinaryPrimitives.WriteInt32BigEndian(chunk.AsSpan(8), height);
        chunk[12] = 8; // bit depth
        chunk[13] = 6; // RGBA
        byte[] png = new byte[8 + 4 + 17 + 4];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(png, 0);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(8), 13);
        chunk.CopyTo(png, 12);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), BitwiseCrc.Compute(chunk, BitwiseCrc.Png));
        return png;
    }
}
