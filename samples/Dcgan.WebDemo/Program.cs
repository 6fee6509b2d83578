// Dcgan.WebDemo: serve digits from trained generator files over HTTP, on ONNX Runtime (Dcgan.Onnx; no libtorch).
//
//   dotnet run --project samples/Dcgan.WebDemo -- --urls http://127.0.0.1:5080   (pretrained generators)
//   dotnet run --project samples/Dcgan.WebDemo -- --Dcgan:ModelPath=outputs/generator.dcgan \
//       --Dcgan:ConditionalModelPath=conditional/generator.dcgan --urls http://127.0.0.1:5080
//
// GET /                                   a page with a digit picker and a button that shows a fresh grid
// GET /digits.png?count=&seed=&digit=     a PNG grid of `count` digits (1..256, default 16) from `seed`
//                                         (default random); with `digit` (0..9), all of that digit, drawn by
//                                         the class-conditional generator
// GET /models/{generator|conditional}.onnx, .json   the generators as ONNX models and their descriptions, which the
//                                         page runs in the browser with onnxruntime-web (same seed, same digits)

using Dcgan.Inference;
using Dcgan.Onnx;
using Dcgan.WebDemo;

var builder = WebApplication.CreateBuilder(args);

// 0. Explicit limits: a client that stalls while sending its request, or sits on an idle connection, is dropped, and no
// request runs longer than the largest grid needs (256 digits take well under a second).
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
    kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(30);
    kestrel.Limits.MaxRequestBodySize = 0; // every endpoint is a GET
});
builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutPolicy { Timeout = TimeSpan.FromSeconds(10) });

// 1. Load each generator once; they are thread-safe, so one instance of each serves every request (the container
// disposes them). Without a configured path, the pretrained MNIST generators of Dcgan.Pretrained.
builder.Services.AddSingleton<BrowserModels>();
builder.Services.AddSingleton<IImageGenerator>(services => Load(services, "generator"));
builder.Services.AddKeyedSingleton<IImageGenerator>(DigitsEndpoint.ConditionalKey, (services, _) => Load(services, DigitsEndpoint.ConditionalKey));

var app = builder.Build();

// 2. The endpoints, and the page's scripts and onnxruntime-web (wwwroot/, copied from npm at build time).
app.UseRequestTimeouts();
app.UseStaticFiles();
app.MapGet("/", () => Results.Content(Page.Html, "text/html; charset=utf-8"));
app.MapGet("/digits.png", DigitsEndpoint.Handle);
app.MapGet("/models/{kind}.onnx", BrowserModels.Model);
app.MapGet("/models/{kind}.json", BrowserModels.Description);

app.Run();

static OnnxImageGenerator Load(IServiceProvider services, string kind)
{
    using var model = new MemoryStream(services.GetRequiredService<BrowserModels>().ModelOf(kind), writable: false);
    return OnnxImageGenerator.Load(model);
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
