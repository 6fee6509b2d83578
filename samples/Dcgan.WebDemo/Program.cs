// Dcgan.WebDemo: serve digits from a trained generator file over HTTP.
//
//   dotnet run --project samples/Dcgan.WebDemo -- --urls http://127.0.0.1:5080   (pretrained generator)
//   dotnet run --project samples/Dcgan.WebDemo -- --Dcgan:ModelPath=outputs/generator.dcgan --urls http://127.0.0.1:5080
//
// GET /                           a page with a button that shows a fresh grid
// GET /digits.png?count=&seed=    a PNG grid of `count` digits (1..256, default 16) from `seed` (default random)

using Dcgan.Mnist.Pretrained;
using Dcgan.Models;
using Dcgan.WebDemo;

var builder = WebApplication.CreateBuilder(args);

// 1. Load the generator once; it is thread-safe, so one instance serves every request.
// Without Dcgan:ModelPath, the pretrained MNIST generator shipped with Dcgan.Mnist.
builder.Services.AddSingleton(services => builder.Configuration["Dcgan:ModelPath"] is string path
    ? Generator.Load(path)
    : MnistPretrained.LoadGenerator());

var app = builder.Build();

// 2. The endpoints.
app.MapGet("/", () => Results.Content(Page.Html, "text/html; charset=utf-8"));
app.MapGet("/digits.png", DigitsEndpoint.Handle);

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
