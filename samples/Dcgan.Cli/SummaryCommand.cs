using System.CommandLine;
using Dcgan.Inference;
using Dcgan.Models;
using Dcgan.Training;
using Spectre.Console;

namespace Dcgan.Cli;

/// <summary><c>dcgan summary</c>: Keras-style tables of the generator and discriminator.</summary>
internal static class SummaryCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "A generator file; without it, the default training architecture (DcganOptions)." };
        var imageSize = new Option<int>("--image-size") { Description = "Image size of the default architecture (28, 32, 64).", DefaultValueFactory = _ => 28 };

        var command = new Command("summary", "Print layer, output shape and parameter tables of both networks.") { model, imageSize };
        command.SetAction(result =>
        {
            string? path = result.GetValue(model);
            DcganArchitecture architecture;
            if (path is not null)
            {
                using TorchImageGenerator? loaded = CliModel.TryLoad(path);
                if (loaded is null)
                    return 2;
                architecture = loaded.Generator.Architecture;
            }
            else
            {
                architecture = new DcganOptions().Architecture with { ImageSize = result.GetValue(imageSize) };
                IReadOnlyList<string> errors = architecture.Validate();
                if (errors.Count > 0)
                {
                    AnsiConsole.MarkupLine($"[red]{Markup.Escape(string.Join(" ", errors))}[/]");
                    return 2;
                }
            }

            using var generator = new Generator(architecture);
            using var discriminator = new Discriminator(architecture);
            Console.WriteLine(ModelSummary.Of(generator));
            Console.WriteLine();
            Console.WriteLine(ModelSummary.Of(discriminator));
            return 0;
        });
        return command;
    }
}
