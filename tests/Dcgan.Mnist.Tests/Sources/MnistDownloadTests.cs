using System.Security.Cryptography;
using Dcgan.Tests;

namespace Dcgan.Mnist.Tests.Sources;

/// <summary>The download path, against a real HTTP server on 127.0.0.1 serving the real MNIST files.</summary>
public sealed class MnistDownloadTests : IDisposable
{
    private static readonly string[] Names = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];
    private readonly TemporaryDirectory cache = TestData.CreateTemporaryDirectory();
    private readonly string? savedVariable = Environment.GetEnvironmentVariable(MnistOptions.DirectoryVariable);
    private readonly string source = TestData.MnistDirectory; // resolved before the variable is lifted

    public MnistDownloadTests()
    {
        // DCGAN_MNIST_DIR outranks the cache; these tests exercise the cache, so it is lifted for each test.
        Environment.SetEnvironmentVariable(MnistOptions.DirectoryVariable, null);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(MnistOptions.DirectoryVariable, savedVariable);
        cache.Dispose();
    }

    private MnistOptions Options(params LocalHttpServer[] mirrors) => new()
    {
        CacheDirectory = cache.Path,
        Mirrors = mirrors.Select(m => m.BaseAddress).ToList(),
        DownloadTimeout = TimeSpan.FromSeconds(20),
    };

    private (int, byte[]) Real(string name) =>
        Names.Contains(name) ? (200, File.ReadAllBytes(Path.Combine(source, name))) : (404, []);

    [Fact]
    public void Load_EmptyCache_DownloadsVerifiesAndReadsAllFourFiles()
    {
        using var server = new LocalHttpServer(Real);

        MnistDataset mnist = MnistDataset.Load(Options(server));

        mnist.Train.Count.Should().Be(60000);
        mnist.Test.Labels.Span[0].Should().Be(7);
        server.Requests.Should().BeEquivalentTo(Names);
        foreach (string name in Names)
        {
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(cache.Path, name))))
                .Should().Be(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(source, name)))));
        }
    }

    [Fact]
    public void Load_FilledCache_DoesNotDownloadAgain()
    {
        using (var server = new LocalHttpServer(Real))
            MnistDataset.Load(Options(server));
        using var second = new LocalHttpServer(Real);

        MnistDataset.Load(Options(second));

        second.Requests.Should().BeEmpty();
    }

    [Fact]
    public void Load_WrongChecksum_KeepsNothingInTheCacheAndARetrySucceeds()
    {
        using var corrupt = new LocalHttpServer(name => name == "train-labels-idx1-ubyte.gz"
            ? (200, File.ReadAllBytes(Path.Combine(source, "t10k-labels-idx1-ubyte.gz")))
            : Real(name));

        Action act = () => MnistDataset.Load(Options(corrupt));

        act.Should().Throw<IOException>().WithMessage("*train-labels-idx1-ubyte.gz*SHA-256 mismatch*65a50cbb*DCGAN_MNIST_DIR*");
        Directory.GetFiles(cache.Path).Select(Path.GetFileName).Should().NotContain("train-labels-idx1-ubyte.gz")
            .And.NotContain(name => name!.EndsWith(".tmp", StringComparison.Ordinal));

        using var good = new LocalHttpServer(Real);
        MnistDataset.Load(Options(good)).Train.Count.Should().Be(60000);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    public void Load_MirrorAnswersWithError_FallsBackToTheNextMirror(int status)
    {
        using var broken = new LocalHttpServer(_ => (status, []));
        using var good = new LocalHttpServer(Real);

        MnistDataset mnist = MnistDataset.Load(Options(broken, good));

        mnist.Test.Count.Should().Be(10000);
        broken.Requests.Should().HaveCount(4);
    }

    [Fact]
    public void Load_EveryMirrorFails_SaysWhatWasTriedAndHowToSupplyFiles()
    {
        using var broken = new LocalHttpServer(_ => (404, []));

        Action act = () => MnistDataset.Load(Options(broken));

        act.Should().Throw<IOException>().WithMessage($"*{broken.BaseAddress}train-images-idx3-ubyte.gz: HTTP 404*WithMnist(directory)*DCGAN_MNIST_DIR*");
        Directory.GetFiles(cache.Path).Should().BeEmpty();
    }

    [Fact]
    public void Load_DownloadDisabledAndCacheEmpty_SaysWhereItLooked()
    {
        MnistOptions options = Options();
        options.AllowDownload = false;

        Action act = () => MnistDataset.Load(options);

        act.Should().Throw<FileNotFoundException>().WithMessage($"*{cache.Path}*downloading is disabled*DCGAN_MNIST_DIR*");
    }

    [Fact]
    public void Load_EnvironmentVariableSet_ReadsThatDirectoryAndNeverDownloads()
    {
        Environment.SetEnvironmentVariable(MnistOptions.DirectoryVariable, source);
        using var server = new LocalHttpServer(Real);

        MnistDataset.Load(Options(server)).Train.Count.Should().Be(60000);

        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public void Load_ConnectionDroppedMidway_KeepsNoPartialFileAndARetrySucceeds()
    {
        using var dropping = new LocalHttpServer(name => name == "train-images-idx3-ubyte.gz"
            ? new ServerAnswer(200, File.ReadAllBytes(Path.Combine(source, name)), DropAfterBytes: 1_000_000)
            : Answer(name));

        Action act = () => MnistDataset.Load(Options(dropping));

        act.Should().Throw<IOException>().WithMessage("*train-images-idx3-ubyte.gz*");
        Directory.GetFiles(cache.Path).Select(Path.GetFileName).Should().NotContain("train-images-idx3-ubyte.gz")
            .And.NotContain(name => name!.EndsWith(".tmp", StringComparison.Ordinal));

        using var good = new LocalHttpServer(Real);
        MnistDataset.Load(Options(good)).Train.Count.Should().Be(60000);
    }

    [Fact]
    public void Load_StalledServer_TimesOutNamingTheAddressAndKeepsNothing()
    {
        using var stalled = new LocalHttpServer(name => new ServerAnswer(200, [1, 2, 3], Stall: TimeSpan.FromSeconds(30)));
        MnistOptions options = Options(stalled);
        options.DownloadTimeout = TimeSpan.FromSeconds(1);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Action act = () => MnistDataset.Load(options);

        act.Should().Throw<IOException>().WithMessage($"*{stalled.BaseAddress}train-images-idx3-ubyte.gz: timed out*");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "the timeout, not the stalled server, decides");
        Directory.GetFiles(cache.Path).Should().BeEmpty();
    }

    private ServerAnswer Answer(string name)
    {
        (int status, byte[] body) = Real(name);
        return new ServerAnswer(status, body);
    }
}
