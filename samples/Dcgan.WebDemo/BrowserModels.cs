using System.Collections.Concurrent;
using Dcgan.Inference;
using Dcgan.Onnx;
using Dcgan.Pretrained;

namespace Dcgan.WebDemo;

/// <summary>
/// <c>GET /models/{kind}.onnx</c> and <c>GET /models/{kind}.json</c> (kind: <c>generator</c> or <c>conditional</c>): the
/// served generators as ONNX models and their descriptions, for the page to run in the browser with onnxruntime-web.
/// </summary>
internal sealed class BrowserModels(IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, byte[]> models = new(StringComparer.Ordinal);

    /// <summary>The model file of a kind: the configured path, else the pretrained generator of Dcgan.Pretrained.</summary>
    public Stream Open(string kind)
    {
        string? path = configuration[kind == DigitsEndpoint.ConditionalKey ? "Dcgan:ConditionalModelPath" : "Dcgan:ModelPath"];
        return path is not null
            ? File.OpenRead(path)
            : PretrainedGenerators.Open(kind == DigitsEndpoint.ConditionalKey ? PretrainedGenerators.MnistConditional : PretrainedGenerators.Mnist);
    }

    public static IResult Model(string kind, BrowserModels browser) => IsKind(kind)
        ? Results.File(browser.models.GetOrAdd(kind, k =>
        {
            using Stream stream = browser.Open(k);
            return OnnxExport.ReadModel(stream);
        }), "application/octet-stream")
        : Results.NotFound();

    public static IResult Description(string kind, IImageGenerator generator, [FromKeyedServices(DigitsEndpoint.ConditionalKey)] IImageGenerator conditional)
    {
        if (!IsKind(kind))
            return Results.NotFound();
        GeneratorDescription description = (kind == DigitsEndpoint.ConditionalKey ? conditional : generator).Description;
        return Results.Json(new { description.LatentSize, description.ImageSize, description.Channels, description.ClassNames });
    }

    private static bool IsKind(string kind) => kind is "generator" or DigitsEndpoint.ConditionalKey;
}
