using System.Collections.Concurrent;
using Dcgan.Inference;
using Dcgan.Onnx;

namespace Dcgan.WebDemo;

/// <summary>
/// <c>GET /models/{kind}.onnx</c> and <c>GET /models/{kind}.json</c> (kind: <c>generator</c> or <c>conditional</c>): the
/// served generators as ONNX models and their descriptions, for the page to run in the browser with onnxruntime-web.
/// </summary>
internal sealed class BrowserModels(IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, byte[]> models = new(StringComparer.Ordinal);

    /// <summary>The model file of a kind: the configured path, else the pretrained generator copied beside the app.</summary>
    public string PathOf(string kind) => kind == DigitsEndpoint.ConditionalKey
        ? configuration["Dcgan:ConditionalModelPath"] ?? Pretrained("mnist-conditional-generator.dcgan")
        : configuration["Dcgan:ModelPath"] ?? Pretrained("mnist-generator.dcgan");

    public static IResult Model(string kind, BrowserModels browser) => IsKind(kind)
        ? Results.File(browser.models.GetOrAdd(kind, k => OnnxExport.ReadModel(browser.PathOf(k))), "application/octet-stream")
        : Results.NotFound();

    public static IResult Description(string kind, IImageGenerator generator, [FromKeyedServices(DigitsEndpoint.ConditionalKey)] IImageGenerator conditional)
    {
        if (!IsKind(kind))
            return Results.NotFound();
        GeneratorDescription description = (kind == DigitsEndpoint.ConditionalKey ? conditional : generator).Description;
        return Results.Json(new { description.LatentSize, description.ImageSize, description.Channels, description.ClassNames });
    }

    private static bool IsKind(string kind) => kind is "generator" or DigitsEndpoint.ConditionalKey;

    private static string Pretrained(string file) => Path.Combine(AppContext.BaseDirectory, "models", file);
}
