using Dcgan.Inference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dcgan.Hosting;

/// <summary>Healthy when the generator (keyed or not) has loaded, with its shape in the data; unhealthy with the loading error otherwise.</summary>
internal sealed class DcganGeneratorHealthCheck(IServiceProvider services, string? key) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            IImageGenerator generator = key is null ? services.GetRequiredService<IImageGenerator>() : services.GetRequiredKeyedService<IImageGenerator>(key);
            GeneratorDescription description = generator.Description;
            var data = new Dictionary<string, object>
            {
                ["latent_size"] = description.LatentSize,
                ["image_size"] = description.ImageSize,
                ["channels"] = description.Channels,
                ["classes"] = description.ClassNames.Count,
            };
            return Task.FromResult(HealthCheckResult.Healthy($"The Dcgan generator{(key is null ? "" : $" '{key}'")} is loaded.", data));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The Dcgan generator{(key is null ? "" : $" '{key}'")} did not load: {ex.Message}", ex));
        }
    }
}
