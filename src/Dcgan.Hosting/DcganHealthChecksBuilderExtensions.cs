using Dcgan.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The health check of a generator registered with <see cref="DcganServiceCollectionExtensions.AddDcganGenerator"/>.</summary>
public static class DcganHealthChecksBuilderExtensions
{
    /// <summary>Adds a health check that is healthy once the generator (the keyed one with <paramref name="key"/>) has loaded.</summary>
    /// <param name="builder">The health checks.</param>
    /// <param name="key">The generator's service key, or null for the unkeyed one.</param>
    /// <param name="name">The check's name; by default <c>dcgan-generator</c> or <c>dcgan-generator-KEY</c>.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddDcganGeneratorCheck(this IHealthChecksBuilder builder, string? key = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            name ?? (key is null ? "dcgan-generator" : $"dcgan-generator-{key}"),
            provider => new DcganGeneratorHealthCheck(provider, key),
            failureStatus: HealthStatus.Unhealthy,
            tags: ["dcgan"]));
    }
}
