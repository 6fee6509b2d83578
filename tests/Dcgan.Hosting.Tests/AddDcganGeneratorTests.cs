using Dcgan.Hosting;
using Dcgan.Imaging;
using Dcgan.Inference;
using Dcgan.Models;
using Dcgan.Onnx;
using Dcgan.Persistence;
using Dcgan.Pretrained;
using Dcgan.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dcgan.Hosting.Tests;

/// <summary>Generators through dependency injection, in a real generic host: configuration, validation at start, backends by name, keys, health, disposal.</summary>
public sealed class AddDcganGeneratorTests : IDisposable
{
    private readonly TemporaryDirectory directory = TestData.CreateTemporaryDirectory();

    public void Dispose() => directory.Dispose();

    private string SmallGeneratorFile(string name, long seed)
    {
        string path = Path.Combine(directory.Path, name);
        var architecture = new DcganArchitecture { Shape = new() { LatentSize = 16 }, Generator = new() { FeatureMaps = 8 }, Discriminator = new() { Pieces = [] } };
        using var generator = new Models.Generator(architecture, seed);
        GeneratorFile.Save(generator, path);
        return path;
    }

    private static IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection> register)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        register(builder.Services);
        return builder.Build();
    }

    [Fact]
    public async Task AddDcganGenerator_BoundFromConfiguration_ServesTheFilesImagesOnOnnxRuntime()
    {
        string path = SmallGeneratorFile("g.dcgan", seed: 3);
        using IHost host = Build(new() { ["Dcgan:Generator:ModelPath"] = path, ["Dcgan:Generator:Threads"] = "1" },
            services => services.AddDcganGenerator().BindConfiguration("Dcgan:Generator"));
        await host.StartAsync();

        IImageGenerator generator = host.Services.GetRequiredService<IImageGenerator>();

        generator.Should().BeOfType<OnnxImageGenerator>();
        using OnnxImageGenerator direct = OnnxImageGenerator.Load(path, threads: 1);
        generator.GenerateGridPng(4, seed: 5).Should().Equal(direct.GenerateGridPng(4, seed: 5));
        host.Services.GetRequiredService<IImageGenerator>().Should().BeSameAs(generator, "one instance serves every consumer");
        await host.StopAsync();
    }

    [Fact]
    public async Task Start_WithAMissingFileUnknownNamesAndBadThreads_FailsListingEveryProblem()
    {
        using IHost host = Build(new()
        {
            ["Dcgan:Generator:ModelPath"] = Path.Combine(directory.Path, "missing.dcgan"),
            ["Dcgan:Generator:Backend"] = "tensorflow",
            ["Dcgan:Generator:Threads"] = "0",
        }, services => services.AddDcganGenerator().BindConfiguration("Dcgan:Generator"));

        Func<Task> start = () => host.StartAsync();

        (await start.Should().ThrowAsync<Exception>()).Which.ToString()
            .Should().Contain("missing.dcgan' does not exist")
            .And.Contain("Backend 'tensorflow' is not registered; the registered backends are onnxruntime")
            .And.Contain("Threads must be positive");
    }

    [Fact]
    public async Task AddKeyedDcganGenerator_TwoGenerators_EachGetsItsOwnFileAndPretrainedDefault()
    {
        string path = SmallGeneratorFile("g.dcgan", seed: 3);
        using IHost host = Build(new() { ["Dcgan:Generator:ModelPath"] = path }, services =>
        {
            services.AddDcganGenerator(o => o.Pretrained = PretrainedGenerators.Mnist).BindConfiguration("Dcgan:Generator");
            services.AddKeyedDcganGenerator("conditional", o => o.Pretrained = PretrainedGenerators.MnistConditional).BindConfiguration("Dcgan:Conditional");
        });
        await host.StartAsync();

        IImageGenerator plain = host.Services.GetRequiredService<IImageGenerator>();
        IImageGenerator conditional = host.Services.GetRequiredKeyedService<IImageGenerator>("conditional");

        plain.Description.LatentSize.Should().Be(16, "the configured file wins over the pretrained default");
        conditional.Description.ClassNames.Should().HaveCount(10, "no file is configured for it: the pretrained conditional generator");
        await host.StopAsync();
    }

    [Fact]
    public async Task Backend_Torchsharp_WhenRegistered_LoadsOnTorchSharpWithTheSameImages()
    {
        string path = SmallGeneratorFile("g.dcgan", seed: 3);
        using IHost host = Build(new() { ["Dcgan:Generator:ModelPath"] = path, ["Dcgan:Generator:Backend"] = "torchsharp" }, services =>
        {
            services.AddDcganBackend<TorchSharpBackend>();
            services.AddDcganGenerator().BindConfiguration("Dcgan:Generator");
        });
        await host.StartAsync();

        IImageGenerator generator = host.Services.GetRequiredService<IImageGenerator>();

        generator.Should().BeOfType<TorchImageGenerator>();
        using OnnxImageGenerator onnx = OnnxImageGenerator.Load(path, threads: 1);
        byte[][] torchPixels = generator.GeneratePixels(4, seed: 9);
        byte[][] onnxPixels = onnx.GeneratePixels(4, seed: 9);
        for (int i = 0; i < 4; i++)
            torchPixels[i].Zip(onnxPixels[i], (a, b) => Math.Abs(a - b)).Max().Should().BeLessThanOrEqualTo(1, "both backends draw the same digits for a seed");
        await host.StopAsync();
    }

    [Fact]
    public async Task HealthCheck_LoadedAndBrokenGenerators_ReportHealthyAndUnhealthyWithTheReason()
    {
        string broken = Path.Combine(directory.Path, "broken.dcgan");
        await File.WriteAllBytesAsync(broken, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        using IHost host = Build(new(), services =>
        {
            services.AddDcganGenerator(o => o.Pretrained = PretrainedGenerators.Mnist);
            services.AddKeyedDcganGenerator("broken", o => o.ModelPath = broken);
            services.AddHealthChecks().AddDcganGeneratorCheck().AddDcganGeneratorCheck("broken");
        });
        await host.StartAsync();

        HealthReport report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries["dcgan-generator"].Status.Should().Be(HealthStatus.Healthy);
        report.Entries["dcgan-generator"].Data["image_size"].Should().Be(28);
        report.Entries["dcgan-generator-broken"].Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries["dcgan-generator-broken"].Description.Should().Contain("broken.dcgan");
        report.Status.Should().Be(HealthStatus.Unhealthy);
        await host.StopAsync();
    }

    [Fact]
    public async Task DisposingTheHost_DisposesTheGenerators()
    {
        IImageGenerator generator;
        using (IHost host = Build(new(), services => services.AddDcganGenerator(o => o.Pretrained = PretrainedGenerators.Mnist)))
        {
            await host.StartAsync();
            generator = host.Services.GetRequiredService<IImageGenerator>();
            generator.GenerateGridPng(1, seed: 1).Should().NotBeEmpty();
            await host.StopAsync();
        }

        Action use = () => generator.GenerateGridPng(1, seed: 1);
        use.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public async Task Start_KeyedGeneratorWithAnUnknownPretrainedName_FailsNamingTheKey()
    {
        using IHost host = Build(new() { ["Dcgan:Conditional:Pretrained"] = "cats" }, services =>
            services.AddKeyedDcganGenerator("conditional").BindConfiguration("Dcgan:Conditional"));

        Func<Task> start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message
            .Should().Contain("Generator 'conditional': Pretrained 'cats' is not a pretrained generator; the names are mnist-generator");
    }

    [Fact]
    public void Options_Validate_ListsEachProblem()
    {
        new DcganGeneratorOptions().Validate().Should().ContainSingle().Which.Should().Contain("Set ModelPath to a generator file or Pretrained to one of mnist");
        new DcganGeneratorOptions { Pretrained = PretrainedGenerators.Mnist }.Validate().Should().BeEmpty();
        new DcganGeneratorOptions { Pretrained = PretrainedGenerators.Mnist, Backend = "", Threads = -1 }.Validate().Should().HaveCount(2);
    }
}
