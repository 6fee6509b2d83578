using Dcgan.Hosting;
using Dcgan.Inference;
using Dcgan.Onnx;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers Dcgan generators as singletons of <see cref="IImageGenerator"/>, configured by <see cref="DcganGeneratorOptions"/>
/// and validated when the host starts. The container loads each generator on first use and disposes it.
/// </summary>
public static class DcganServiceCollectionExtensions
{
    /// <summary>Registers the generator every consumer of <see cref="IImageGenerator"/> gets.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options in code; configuration can be bound on the returned builder too, for example <c>.BindConfiguration("Dcgan:Generator")</c>.</param>
    /// <returns>The options builder, to bind or validate further.</returns>
    public static OptionsBuilder<DcganGeneratorOptions> AddDcganGenerator(this IServiceCollection services, Action<DcganGeneratorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<DcganGeneratorOptions> options = AddOptions(services, Options.Options.DefaultName, configure);
        services.TryAddSingleton<IImageGenerator>(provider =>
            GeneratorLoader.Load(provider.GetRequiredService<IOptions<DcganGeneratorOptions>>().Value, provider.GetServices<IImageGeneratorBackend>()));
        return options;
    }

    /// <summary>Registers a generator under <paramref name="key"/>, for apps that serve several (resolve it with <c>[FromKeyedServices(key)]</c>); its options are the named options <paramref name="key"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="key">The service key and the options' name.</param>
    /// <param name="configure">Sets the options in code.</param>
    /// <returns>The options builder, to bind or validate further.</returns>
    public static OptionsBuilder<DcganGeneratorOptions> AddKeyedDcganGenerator(this IServiceCollection services, string key, Action<DcganGeneratorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(key);
        OptionsBuilder<DcganGeneratorOptions> options = AddOptions(services, key, configure);
        services.TryAddKeyedSingleton<IImageGenerator>(key, (provider, _) =>
            GeneratorLoader.Load(provider.GetRequiredService<IOptionsMonitor<DcganGeneratorOptions>>().Get(key), provider.GetServices<IImageGeneratorBackend>()));
        return options;
    }

    /// <summary>Makes a backend available by its name, for example <c>AddDcganBackend&lt;TorchSharpBackend&gt;()</c> from Dcgan.Core; ONNX Runtime is always registered.</summary>
    /// <typeparam name="TBackend">The backend.</typeparam>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDcganBackend<TBackend>(this IServiceCollection services)
        where TBackend : class, IImageGeneratorBackend
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IImageGeneratorBackend, TBackend>());
        return services;
    }

    private static OptionsBuilder<DcganGeneratorOptions> AddOptions(IServiceCollection services, string name, Action<DcganGeneratorOptions>? configure)
    {
        services.AddDcganBackend<OnnxRuntimeBackend>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DcganGeneratorOptions>, DcganGeneratorOptionsValidator>());
        OptionsBuilder<DcganGeneratorOptions> options = services.AddOptions<DcganGeneratorOptions>(name).ValidateOnStart();
        if (configure is not null)
            options.Configure(configure);
        return options;
    }
}
