using Dcgan.Inference;
using Dcgan.Pretrained;

namespace Dcgan.Hosting;

/// <summary>Loads the generator that validated <see cref="DcganGeneratorOptions"/> describe, with the backend they name.</summary>
internal static class GeneratorLoader
{
    public static IImageGenerator Load(DcganGeneratorOptions options, IEnumerable<IImageGeneratorBackend> backends)
    {
        IImageGeneratorBackend backend = backends.LastOrDefault(b => string.Equals(b.Name, options.Backend, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"The Dcgan backend '{options.Backend}' is not registered.");
        if (!string.IsNullOrWhiteSpace(options.ModelPath))
        {
            using FileStream file = File.OpenRead(options.ModelPath);
            return backend.Load(file, options.ModelPath, options.Threads);
        }
        using Stream pretrained = PretrainedGenerators.Open(options.Pretrained!);
        return backend.Load(pretrained, $"pretrained '{options.Pretrained}'", options.Threads);
    }
}
