using Dcgan.Inference;
using Microsoft.Extensions.Options;

namespace Dcgan.Hosting;

/// <summary>Validates <see cref="DcganGeneratorOptions"/> (every name) and that their backend is registered: with <c>ValidateOnStart</c>, a host with a wrong path or an unknown backend does not start.</summary>
internal sealed class DcganGeneratorOptionsValidator(IEnumerable<IImageGeneratorBackend> backends) : IValidateOptions<DcganGeneratorOptions>
{
    public ValidateOptionsResult Validate(string? name, DcganGeneratorOptions options)
    {
        var errors = new List<string>(options.Validate());
        string[] registered = [.. backends.Select(b => b.Name)];
        if (!string.IsNullOrWhiteSpace(options.Backend) && !registered.Contains(options.Backend, StringComparer.OrdinalIgnoreCase))
            errors.Add($"{nameof(options.Backend)} '{options.Backend}' is not registered; the registered backends are {string.Join(", ", registered)} (AddDcganBackend<TBackend>() adds one).");
        string prefix = string.IsNullOrEmpty(name) ? "" : $"Generator '{name}': ";
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Select(e => prefix + e));
    }
}
