using Dcgan.Imaging;
using Dcgan.Inference;

namespace Dcgan.WebDemo;

/// <summary><c>GET /digits.png?count=&amp;seed=&amp;digit=</c>: a PNG grid from the shared generators.</summary>
internal static class DigitsEndpoint
{
    public const int MaxCount = 256;

    /// <summary>The service key of the class-conditional generator.</summary>
    public const string ConditionalKey = "conditional";

    public static IResult Handle(IImageGenerator generator, [FromKeyedServices(ConditionalKey)] IImageGenerator conditional, string? count, string? seed, string? digit)
    {
        int n = 16;
        if (count is not null && (!int.TryParse(count, out n) || n < 1 || n > MaxCount))
            return Results.BadRequest($"count must be an integer from 1 to {MaxCount}, but was '{count}'.");
        long s = Random.Shared.NextInt64();
        if (seed is not null && !long.TryParse(seed, out s))
            return Results.BadRequest($"seed must be a 64-bit integer, but was '{seed}'.");
        // An empty digit is the page's "any digit" choice: the unconditional generator.
        if (string.IsNullOrEmpty(digit))
            return Results.File(generator.GenerateGridPng(n, s), "image/png");
        if (!int.TryParse(digit, out int d) || d is < 0 or > 9)
            return Results.BadRequest($"digit must be an integer from 0 to 9, but was '{digit}'.");

        byte[] png = conditional.GenerateGridPng(n, s, label: conditional.Description.LabelOf(d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Results.File(png, "image/png");
    }
}
