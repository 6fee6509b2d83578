using System.CommandLine;
using Dcgan.Imaging;
using Dcgan.Inference;
using Spectre.Console;

namespace Dcgan.Cli;

/// <summary><c>dcgan interpolate</c>: a strip of images walking the latent space from one seed to another.</summary>
internal static class InterpolateCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = CliModel.ModelDescription };
        var fromSeed = new Option<long>("--from-seed") { Description = "Seed of the first image.", DefaultValueFactory = _ => 0 };
        var toSeed = new Option<long>("--to-seed") { Description = "Seed of the last image.", DefaultValueFactory = _ => 1 };
        var steps = new Option<int>("--steps") { Description = "Images in the strip (at least 2).", DefaultValueFactory = _ => 10 };
        var output = new Option<string>("--output") { Description = "The PNG to write.", DefaultValueFactory = _ => "interpolation.png" };

        var command = new Command("interpolate", "Write a strip interpolating between the noise of two seeds.") { model, fromSeed, toSeed, steps, output };
        command.SetAction(result => Run(result.GetValue(model), result.GetValue(fromSeed), result.GetValue(toSeed), result.GetValue(steps), result.GetValue(output)!));
        return command;
    }

    private static int Run(string? modelPath, long fromSeed, long toSeed, int steps, string output)
    {
        if (steps < 2)
        {
            AnsiConsole.MarkupLine($"[red]--steps must be at least 2, but was {steps}.[/]");
            return 2;
        }
        using TorchImageGenerator? generator = CliModel.TryLoad(modelPath);
        if (generator is null)
            return 2;

        string? directory = Path.GetDirectoryName(Path.GetFullPath(output));
        Directory.CreateDirectory(directory!);
        File.WriteAllBytes(output, generator.InterpolatePng(fromSeed, toSeed, steps));
        AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(output)}[/] ({steps} steps from seed {fromSeed} to seed {toSeed}).");
        return 0;
    }
}
