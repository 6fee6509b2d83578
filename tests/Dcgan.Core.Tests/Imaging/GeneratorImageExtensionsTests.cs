using Dcgan.Imaging;
using Dcgan.Inference;
using Dcgan.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Dcgan.Core.Tests.Imaging;

public sealed class GeneratorImageExtensionsTests : IDisposable
{
    private readonly TorchImageGenerator generator = new(new Generator(new DcganArchitecture { Shape = new() { LatentSize = 16 }, Generator = new() { FeatureMaps = 8 }, Discriminator = new() { Pieces = [] } }, seed: 2));

    public void Dispose() => generator.Dispose();

    [Fact]
    public void GenerateImages_GivesGrayscaleImagesOfTheModelSize()
    {
        IReadOnlyList<Image> images = generator.GenerateImages(3, seed: 1);

        images.Should().HaveCount(3).And.AllBeOfType<Image<L8>>();
        images.Should().OnlyContain(i => i.Width == 28 && i.Height == 28);
        foreach (Image image in images)
            image.Dispose();
    }

    [Fact]
    public void GeneratePngs_AreRealPngsThatMatchThePixels()
    {
        IReadOnlyList<byte[]> pngs = generator.GeneratePngs(2, seed: 5);
        byte[][] pixels = generator.GeneratePixels(2, seed: 5);

        using Image<L8> decoded = Image.Load<L8>(pngs[1]);
        var fromPng = new byte[28 * 28];
        decoded.CopyPixelDataTo(fromPng);
        fromPng.Should().Equal(pixels[1]);
    }

    [Fact]
    public void GenerateGridPng_HasTheDocumentedSize()
    {
        using Image grid = Image.Load(generator.GenerateGridPng(12, seed: 1, columns: 4));

        grid.Width.Should().Be(4 * 30 + 2);
        grid.Height.Should().Be(3 * 30 + 2);
    }

    [Fact]
    public void Interpolate_EndsAtTheTwoSeedsImages()
    {
        using Image<L8> strip = generator.Interpolate(fromSeed: 1, toSeed: 2, steps: 5).CloneAs<L8>();
        byte[] first = generator.GeneratePixels(1, seed: 1)[0];
        byte[] last = generator.GeneratePixels(1, seed: 2)[0];

        strip.Width.Should().Be(5 * 30 + 2);
        Cell(strip, 0).Should().Equal(first);
        Cell(strip, 4).Should().Equal(last);
    }

    [Fact]
    public void GenerateImages_FromLatentVectorOfWrongLength_ThrowsNamingBothLengths()
    {
        Action act = () => generator.GenerateImages([new float[15]]);

        act.Should().Throw<ArgumentException>().WithMessage("*15 values*takes 16*");
    }

    [Fact]
    public void Generate_FromSixteenThreadsAtOnce_MatchesSingleThreadedResults()
    {
        byte[][] expected = Enumerable.Range(0, 16).Select(seed => generator.GeneratePixels(2, seed)[1]).ToArray();
        var actual = new byte[16][];

        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, seed => actual[seed] = generator.GeneratePixels(2, seed)[1]);

        for (int seed = 0; seed < 16; seed++)
            actual[seed].Should().Equal(expected[seed], $"seed {seed}");
    }

    private static byte[] Cell(Image<L8> strip, int index)
    {
        var cell = new byte[28 * 28];
        for (int y = 0; y < 28; y++)
            for (int x = 0; x < 28; x++)
                cell[y * 28 + x] = strip[2 + index * 30 + x, 2 + y].PackedValue;
        return cell;
    }
}
