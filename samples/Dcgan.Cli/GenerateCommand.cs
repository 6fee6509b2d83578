using System.CommandLine;
using System.Globalization;
using Dcgan.Imaging;
using Dcgan.Models;
using SixLabors.ImageSharp;
using Spectre.Console;

namespace Dcgan.Cli;

/// <summary><c>dcgan generate</c>: loads a generator file and writes digits as PNGs plus one grid.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = CliModel.ModelDescription };
        var count = new Option<int>("--count") { Description = "How many images.", DefaultValueFactory = _ => 64 };
        var seed = new Option<long>("--seed") { Description = "Seed of the noise.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--output") { Description = "Directory for the PNGs.", DefaultValueFactory = _ => "generated" };

        var command = new Command("generate", "Generate images with a trained generator.") { model, count, seed, output };
        command.SetAction(result => Run(result.GetValue(model), result.GetValue(count), result.GetValue(seed), result.GetValue(output)!));
        return command;
    }

    private static int Run(string? modelPath, int count, long seed, string output)
    {
        if (count <= 0)
        {
            AnsiConsole.MarkupLine($"[red]--count must be positive, but was {count}.[/]");
            return 2;
        }

        // 1. Load the generator; the file describes its own architecture.
        using Generator? generator = CliModel.TryLoad(modelPath);
        if (generator is null)
            return 2;

        // 2. Write each image, then the grid of the same images.
        Directory.CreateDirectory(output);
        IReadOnlyList<byte[]> pngs = generator.GeneratePngs(count, seed);
        for (int i = 0; i < pngs.Count; i++)
            File.WriteAllBytes(Path.Combine(output, string.Create(CultureInfo.InvariantCulture, $"digit_{i:D4}.png")), pngs[i]);
        string gridPath = Path.Combine(output, "grid.png");
        File.WriteAllBytes(gridPath, generator.GenerateGridPng(count, seed));
        AnsiConsole.MarkupLine($"Wrote {count} images and [blue]{Markup.Escape(gridPath)}[/].");
        return 0;
    }
}
