using Dcgan.Models;
using Dcgan.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dcgan.WebDemo.Tests;

/// <summary>
/// The demo app over small real generator files written for the test (untrained: these tests are about HTTP);
/// with <c>pretrainedConditional</c>, the digit picker uses the conditional generator shipped with Dcgan.Mnist.
/// </summary>
public sealed class DemoFactory : WebApplicationFactory<Program>
{
    private readonly TemporaryDirectory directory = TestData.CreateTemporaryDirectory();

    private readonly bool pretrainedConditional;

    public DemoFactory()
        : this(pretrainedConditional: false)
    {
    }

    /// <summary>The demo as it runs without configuration: both shipped pretrained generators (<see cref="ModelPath"/> unused).</summary>
    internal static DemoFactory Pretrained() => new(pretrainedConditional: true) { pretrainedBoth = true };

    private bool pretrainedBoth;

    internal DemoFactory(bool pretrainedConditional)
    {
        this.pretrainedConditional = pretrainedConditional;
        var architecture = new DcganArchitecture { Shape = new() { LatentSize = 16 }, Generator = new() { FeatureMaps = 8 }, Discriminator = new() { Pieces = [] } };
        ModelPath = Path.Combine(directory.Path, "generator.dcgan");
        using var generator = new Generator(architecture, seed: 1);
        Dcgan.Persistence.GeneratorFile.Save(generator, ModelPath);
        ConditionalModelPath = Path.Combine(directory.Path, "conditional.dcgan");
        using var conditional = new Generator(architecture with { Shape = architecture.Shape with { ClassNames = Dcgan.Mnist.MnistDataset.DigitNames } }, seed: 2);
        Dcgan.Persistence.GeneratorFile.Save(conditional, ConditionalModelPath);
    }

    public string ModelPath { get; }

    /// <summary>Serves the demo with Kestrel on a free port of 127.0.0.1 (real sockets, unlike the in-memory test server); returns its address.</summary>
    public string ServeOnLoopback()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        return Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single();
    }

    public string ConditionalModelPath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (!pretrainedBoth)
            builder.UseSetting("Dcgan:Generator:ModelPath", ModelPath);
        if (!pretrainedConditional)
            builder.UseSetting("Dcgan:Conditional:ModelPath", ConditionalModelPath);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            directory.Dispose();
    }
}
