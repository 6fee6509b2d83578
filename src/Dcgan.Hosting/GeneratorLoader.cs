using Dcgan.Inference;

namespace Dcgan.Hosting;

/// <summary>Loads the generator that validated <see cref="DcganGeneratorOptions"/> describe, with the backend they name.</summary>
internal static class GeneratorLoader
{
    public static IImageGenerator Load(DcganGeneratorOptions options, IEnumerable<IImageGeneratorBackend> backends)
    {
        IImageGeneratorBackend backend = backends.LastOrDefault(b => string.Equals(b.Name, options.Backend, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"The Dcgan backend '{options.Backend}' is not registered.");
        using Stream model = options.OpenModel();
        return backend.Load(model, options.ModelSource, options.Threads);
    }
}
