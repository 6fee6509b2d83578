using Dcgan.Models.DiscriminatorPieces;
using Dcgan.Models;
using static TorchSharp.torch;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Core.Tests.Models;

public sealed class ConvolutionBackendTests
{
    [Fact]
    public void EnsureCorrect_LeavesConvolutionsThatAgreeWithFloat64()
    {
        // On processors where libtorch's oneDNN convolutions are wrong (seen on AMD Zen 5) this fails without the repair.
        ConvolutionBackend.EnsureCorrect();

        ConvolutionBackend.WorstError().Should().BeLessThan(1e-3);
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
