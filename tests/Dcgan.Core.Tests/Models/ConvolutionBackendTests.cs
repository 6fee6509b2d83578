using Dcgan.Models.DiscriminatorPieces;
using Dcgan.Models;
using TorchSharp;
using static TorchSharp.torch;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Core.Tests.Models;

public sealed class ConvolutionBackendTests
{
    /// <summary>Image size, channels, classes (conditional) and packing: the shapes the library builds.</summary>
    public static TheoryData<int, int, int, int> Shapes => new()
    {
        { 28, 1, 0, 1 }, { 28, 3, 0, 1 }, { 32, 1, 0, 1 }, { 64, 3, 0, 1 }, { 28, 1, 10, 1 }, { 28, 1, 0, 2 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryConvolutionOfANetwork_AgreesWithFloat64AfterTheCheck(int imageSize, int channels, int classes, int packing)
    {
        // On processors where libtorch's oneDNN convolutions are wrong (seen on AMD Zen 5) this fails without the repair:
        // building the networks checks their convolutions and turns oneDNN off if one of them is wrong.
        var architecture = new DcganArchitecture
        {
            Shape = new() { ImageSize = imageSize, Channels = channels, LatentSize = 16, ClassNames = classes == 0 ? null : Enumerable.Range(0, classes).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray() },
            Generator = new() { FeatureMaps = 12 },
            Discriminator = new() { FeatureMaps = 12, Packing = packing, Pieces = [new MinibatchStdDevPiece()] },
        };
        using var generator = new Generator(architecture, seed: 1);
        using var discriminator = new Discriminator(architecture, seed: 2);

        foreach (ConvolutionCase convolution in ConvolutionCases(generator, imageSize).Concat(ConvolutionCases(discriminator, imageSize)))
            ConvolutionBackend.RelativeError(convolution).Should().BeLessThan(1e-3, convolution.ToString());
    }

    [Fact]
    public void EnsureCorrect_OnTheMetaDevice_RunsNothing()
    {
        // A model file's declared architecture is built on the meta device before its tensors are read; a hostile file can
        // declare convolutions whose check alone would need terabytes. Whatever earlier tests left oneDNN at, this returns.
        var huge = new ConvolutionCase(1 << 21, 1 << 20, 4, 2, 1, 7, Transposed: true);

        long before = Environment.WorkingSet;
        var meta = new Device(DeviceType.META, -1);
        ConvolutionBackend.EnsureCorrect([huge], meta);

        (Environment.WorkingSet - before).Should().BeLessThan(256L << 20);
        using var generator = new Generator(new ImageShape { LatentSize = 16 }, new GeneratorArchitecture { FeatureMaps = 1 << 20 }, seed: 1, meta);
        generator.parameters().Sum(p => p.numel()).Should().BeGreaterThan(1L << 40, "the declared network exists on the meta device only");
    }

    [Fact]
    public void FullMapLayers_ComputeWhatTheirConvolutionsDefine()
    {
        // The first and last layers run as matrix products; in float64 (ATen's own convolution) they must agree with the
        // convolution modules they are.
        var architecture = new DcganArchitecture { Shape = new() { LatentSize = 20 }, Generator = new() { FeatureMaps = 8 }, Discriminator = new() { FeatureMaps = 8, Pieces = [new MinibatchStdDevPiece()] } };
        using var generator = new Generator(architecture, seed: 1);
        using var discriminator = new Discriminator(architecture, seed: 2);
        generator.to(ScalarType.Float64);
        discriminator.to(ScalarType.Float64);
        generator.eval();
        discriminator.eval();
        using var random = new TorchSharp.torch.Generator(3);
        using Tensor noise = randn([6, 20, 1, 1], dtype: ScalarType.Float64, generator: random);
        using Tensor images = randn([6, 1, 28, 28], dtype: ScalarType.Float64, generator: random);

        var projection = (TorchSharp.Modules.ConvTranspose2d)generator.named_modules().First(m => m.name == "main.0").module;
        var collapse = (TorchSharp.Modules.Conv2d)discriminator.named_modules().Last(m => m.name.StartsWith("main.", StringComparison.Ordinal)).module;
        using Tensor projected = FullMapConvolution.Project(projection, noise);
        using Tensor projectedByConvolution = projection.call(noise);
        (projected - projectedByConvolution).abs().max().item<double>().Should().BeLessThan(1e-12);

        using Tensor map = randn([6, 17, 7, 7], dtype: ScalarType.Float64, generator: random);
        using Tensor collapsed = FullMapConvolution.Collapse(collapse, map);
        using Tensor collapsedByConvolution = collapse.call(map);
        (collapsed - collapsedByConvolution).abs().max().item<double>().Should().BeLessThan(1e-12);
    }

    private static IEnumerable<ConvolutionCase> ConvolutionCases(TorchSharp.torch.nn.Module network, int imageSize)
    {
        // Every convolution but the full-map ones, with the input size it sees: the discriminator's halve the image,
        // the generator's double towards it.
        var convolutions = network.named_modules().Select(m => m.module).OfType<TorchSharp.Modules.Conv2d>().Where(c => c.weight!.shape[2] == 4).ToArray();
        var transposed = network.named_modules().Where(m => m.name != "main.0").Select(m => m.module).OfType<TorchSharp.Modules.ConvTranspose2d>().ToArray();
        for (int i = 0; i < convolutions.Length; i++)
            yield return new ConvolutionCase(convolutions[i].weight!.shape[1], convolutions[i].weight!.shape[0], 4, 2, 1, imageSize >> i, Transposed: false);
        for (int i = 0; i < transposed.Length; i++)
            yield return new ConvolutionCase(transposed[i].weight!.shape[0], transposed[i].weight!.shape[1], 4, 2, 1, imageSize >> (transposed.Length - i), Transposed: true);
    }

    [Fact]
    public void Networks_GiveTheSameNumbersOnOneAndTwoThreads()
    {
        // The broken oneDNN kernels also raced: two threads gave different numbers on every call.
        var architecture = new DcganArchitecture { Shape = new() { LatentSize = 16 }, Generator = new() { FeatureMaps = 8 }, Discriminator = new() { FeatureMaps = 8, Pieces = [new MinibatchStdDevPiece()] } };
        using var generator = new Generator(architecture, seed: 1);
        using var discriminator = new Discriminator(architecture, seed: 2);
        generator.eval();
        discriminator.eval();
        using var random = new TorchSharp.torch.Generator(3);
        using Tensor noise = randn([32, 16], generator: random);
        int threads = TorchSharp.torch.get_num_threads();
        try
        {
            TorchSharp.torch.set_num_threads(1);
            using Tensor oneThread = discriminator.call(generator.call(noise, null));
            TorchSharp.torch.set_num_threads(2);
            using Tensor twoThreads = discriminator.call(generator.call(noise, null));

            (oneThread - twoThreads).abs().max().item<float>().Should().BeLessThan(1e-4f);
        }
        finally
        {
            TorchSharp.torch.set_num_threads(threads);
        }
    }
}
