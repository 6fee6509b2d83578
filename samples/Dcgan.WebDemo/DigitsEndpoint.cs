using Dcgan.Imaging;
using Dcgan.Models;

namespace Dcgan.WebDemo;

/// <summary><c>GET /digits.png?count=&amp;seed=</c>: a PNG grid from the shared generator.</summary>
internal static class DigitsEndpoint
{
    public const int MaxCount = 256;

    public static IResult Handle(Generator generator, string? count, string? seed)
    {
        int n = 16;
        if (count is not null && (!int.TryParse(count, out n) || n < 1 || n > MaxCount))
            return Results.BadRequest($"count must be an integer from 1 to {MaxCount}, but was '{count}'.");
        long s = Random.Shared.NextInt64();
        if (seed is not null && !long.TryParse(seed, out s))
            return Results.BadRequest($"seed must be a 64-bit integer, but was '{seed}'.");

        byte[] png = generator.GenerateGridPng(n, s);
        return Results.File(png, "image/png");
    }
}
