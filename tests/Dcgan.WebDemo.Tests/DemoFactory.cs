using Dcgan.Models;
using Dcgan.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dcgan.WebDemo.Tests;

/// <summary>The demo app over a small real generator file written for the test.</summary>
public sealed class DemoFactory : WebApplicationFactory<Program>
{
    private readonly TemporaryDirectory directory = TestData.CreateTemporaryDirectory();

    public DemoFactory()
    {
        ModelPath = Path.Combine(directory.Path, "generator.dcgan");
        using var generator = new Generator(new DcganArchitecture { GeneratorFeatureMaps = 8, LatentSize = 16 }, seed: 1);
        generator.Save(ModelPath);
    }

    public string ModelPath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("Dcgan:ModelPath", ModelPath);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            directory.Dispose();
    }
}
