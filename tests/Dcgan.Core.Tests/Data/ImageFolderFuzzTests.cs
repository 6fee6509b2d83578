using Dcgan.Data;
using Dcgan.Tests;
using Dcgan.Tests.Fuzzing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tga;
using Xunit.Abstractions;

namespace Dcgan.Core.Tests.Data;

/// <summary>
/// Slow tier: real emoji (RGBA, LA and palette PNGs, and the same images as JPEG, BMP, GIF and TGA) mutated, truncated and
/// spliced, each alone in an image folder. The folder either decodes it or, under the default skip policy, skips it and
/// refuses the folder with <see cref="InvalidDataException"/> naming the file, within the time limit and without
/// allocating what a mutated header declares (a 60,000 x 60,000 PNG header over a few bytes of data).
/// </summary>
[Trait("Category", "Slow")]
[Collection(nameof(FuzzCollection))]
public sealed class ImageFolderFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Load_MutatedImagesOfEveryFormat_DecodeOrAreRefusedNamingTheFile()
    {
        string[] files = Directory.GetFiles(TestData.EmojiDirectory, "*.png").Order(StringComparer.Ordinal).ToArray();
        var seeds = new List<byte[]>();
        foreach (string file in files.Where((_, i) => i % 500 == 0))
        {
            seeds.Add(File.ReadAllBytes(file));
            using Image image = Image.Load(file);
            foreach (SixLabors.ImageSharp.Formats.IImageEncoder encoder in new SixLabors.ImageSharp.Formats.IImageEncoder[] { new JpegEncoder(), new BmpEncoder(), new GifEncoder(), new TgaEncoder(), new PngEncoder { ColorType = PngColorType.Palette } })
            {
                using var encoded = new MemoryStream();
                image.Save(encoded, encoder);
                seeds.Add(encoded.ToArray());
            }
        }
        output.WriteLine($"{seeds.Count} seeds from {files.Length / 500 + 1} emoji");
        // Headers and chunk tables sit in the first few hundred bytes; pixel data after that mostly changes colours.
        IEnumerable<byte[]> inputs = new Mutator(seeds, file => Math.Min(file.Length, 256)).Inputs(2500, seed: 31);

        FuzzRunner.Run("image-folder", ".png", inputs,
            path => new ImageFolderSource(new ImageFolderOptions { Path = Path.GetDirectoryName(path)! }).Load(28).Dispose(),
            [typeof(InvalidDataException)], output);
    }
}
