using Dcgan.Models;
using Dcgan.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

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

    public string ConditionalModelPath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Dcgan:ModelPath", ModelPath);
        if (!pretrainedConditional)
            builder.UseSetting("Dcgan:ConditionalModelPath", ConditionalModelPath);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            directory.Dispose();
    }
}
