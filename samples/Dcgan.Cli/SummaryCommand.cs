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
        var imageSize = new Option<int>("--image-size") { Description = $"Image size of the default architecture ({string.Join(", ", ImageShape.SupportedImageSizes)}).", DefaultValueFactory = _ => 28 };

        var command = new Command("summary", "Print layer, output shape and parameter tables of both networks.") { model, imageSize };
        command.SetAction(result =>
        {
            string? path = result.GetValue(model);
            if (path is not null)
            {
                // A generator file records the generator only (the discriminator stays with the training run).
                using TorchImageGenerator? loaded = CliModel.TryLoad(path);
                if (loaded is null)
                    return 2;
                Console.WriteLine(ModelSummary.Of(loaded.Generator));
                return 0;
            }

            DcganArchitecture architecture = new DcganArchitecture();
            architecture = architecture with { Shape = architecture.Shape with { ImageSize = result.GetValue(imageSize) } };
            IReadOnlyList<string> errors = architecture.Validate();
            if (errors.Count > 0)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(string.Join(" ", errors))}[/]");
                return 2;
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
