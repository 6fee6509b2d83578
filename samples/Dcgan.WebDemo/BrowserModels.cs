using System.Collections.Concurrent;
using Dcgan.Hosting;
using Dcgan.Inference;
using Dcgan.Onnx;
using Microsoft.Extensions.Options;

namespace Dcgan.WebDemo;

/// <summary>
/// <c>GET /models/{kind}.onnx</c> and <c>GET /models/{kind}.json</c> (kind: <c>generator</c> or <c>conditional</c>): the
/// served generators as ONNX models and their descriptions, for the page to run in the browser with onnxruntime-web.
/// Each model is read and exported once, from the file or pretrained generator the server's own generator of that kind is
/// configured with (<see cref="DcganGeneratorOptions"/>), so the browser and the server draw the same digits for a seed.
/// </summary>
internal sealed class BrowserModels(IOptionsMonitor<DcganGeneratorOptions> options)
{
    private readonly ConcurrentDictionary<string, byte[]> models = new(StringComparer.Ordinal);

    /// <summary>
    /// The ONNX model of a kind, from the configured file (a <c>.dcgan</c> or an <c>.onnx</c>), else from the configured
    /// pretrained generator of Dcgan.Pretrained; read and exported on first use.
    /// </summary>
    public byte[] ModelOf(string kind) => models.GetOrAdd(kind, k =>
    {
        using Stream stream = options.Get(k == DigitsEndpoint.ConditionalKey ? DigitsEndpoint.ConditionalKey : Options.DefaultName).OpenModel();
        return OnnxExport.ReadModel(stream);
    });

    public static IResult Model(string kind, BrowserModels browser) => IsKind(kind)
        ? Results.File(browser.ModelOf(kind), "application/octet-stream")
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
