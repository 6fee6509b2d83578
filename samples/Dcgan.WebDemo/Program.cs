// Dcgan.WebDemo: serve digits from trained generator files over HTTP, on ONNX Runtime (Dcgan.Onnx; no libtorch).
//
//   dotnet run --project samples/Dcgan.WebDemo -- --urls http://127.0.0.1:5080   (pretrained generators)
//   dotnet run --project samples/Dcgan.WebDemo -- --Dcgan:Generator:ModelPath=outputs/generator.dcgan \
//       --Dcgan:Conditional:ModelPath=conditional/generator.dcgan --urls http://127.0.0.1:5080
//
// GET /                                   a page with a digit picker and a button that shows a fresh grid
// GET /digits.png?count=&seed=&digit=     a PNG grid of `count` digits (1..256, default 16) from `seed`
//                                         (default random); with `digit` (0..9), all of that digit, drawn by
//                                         the class-conditional generator
// GET /health                             healthy once both generators have loaded
// GET /models/{generator|conditional}.onnx, .json   the generators as ONNX models and their descriptions, which the
//                                         page runs in the browser with onnxruntime-web (same seed, same digits)

using Dcgan.Pretrained;
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

// 1. The generators, from configuration (Dcgan:Generator and Dcgan:Conditional: ModelPath, Backend, Threads), else the
// pretrained MNIST generators of Dcgan.Pretrained; validated at start, loaded once, shared by every request (ONNX
// Runtime sessions are thread-safe) and disposed by the container.
builder.Services.AddDcganGenerator(o => o.Pretrained = PretrainedGenerators.Mnist).BindConfiguration("Dcgan:Generator");
builder.Services.AddKeyedDcganGenerator(DigitsEndpoint.ConditionalKey, o => o.Pretrained = PretrainedGenerators.MnistConditional).BindConfiguration("Dcgan:Conditional");
builder.Services.AddHealthChecks().AddDcganGeneratorCheck().AddDcganGeneratorCheck(DigitsEndpoint.ConditionalKey);
builder.Services.AddSingleton<BrowserModels>();

var app = builder.Build();

// 2. The endpoints, and the page's scripts and onnxruntime-web (wwwroot/, copied from npm at build time).
app.UseRequestTimeouts();
app.UseStaticFiles();
app.MapGet("/", () => Results.Content(Page.Html, "text/html; charset=utf-8"));
app.MapGet("/digits.png", DigitsEndpoint.Handle);
app.MapGet("/models/{kind}.onnx", BrowserModels.Model);
app.MapGet("/models/{kind}.json", BrowserModels.Description);
app.MapHealthChecks("/health");

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
