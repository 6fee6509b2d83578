using System.CommandLine;
using System.Globalization;
using Dcgan.Imaging;
using Dcgan.Mnist;
using Dcgan.Inference;
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
        var digit = new Option<int?>("--digit")
        {
            Description = "Generate this digit (0 to 9) with a class-conditional generator; without --model, the pretrained conditional one.",
        };
        var classGrid = new Option<bool>("--class-grid") { Description = "Also write class-grid.png: one row per digit (class-conditional generators)." };

        var command = new Command("generate", "Generate images with a trained generator.") { model, count, seed, output, digit, classGrid };
        command.SetAction(result => Run(result.GetValue(model), result.GetValue(count), result.GetValue(seed), result.GetValue(output)!,
            result.GetValue(digit), result.GetValue(classGrid)));
        return command;
    }

    private static int Run(string? modelPath, int count, long seed, string output, int? digit, bool classGrid)
    {
        if (digit is < 0 or > 9)
        {
            AnsiConsole.MarkupLine($"[red]--digit must be 0 to 9, but was {digit}.[/]");
            return 2;
        }
        if (count <= 0)
        {
            AnsiConsole.MarkupLine($"[red]--count must be positive, but was {count}.[/]");
            return 2;
        }

        // 1. Load the generator; the file describes its own architecture.
        using TorchImageGenerator? generator = CliModel.TryLoad(modelPath, conditional: digit is not null || classGrid);
        if (generator is null)
            return 2;
        if ((digit is not null || classGrid) && !generator.Description.IsConditional)
        {
            AnsiConsole.MarkupLine($"[red]--digit and --class-grid need a class-conditional generator; '{Markup.Escape(modelPath ?? "")}' is unconditional (train one with train --conditional).[/]");
            return 2;
        }
        int? label;
        try
        {
            label = digit is int d ? generator.LabelOfDigit(d) : null;
        }
        catch (ArgumentException ex)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return 2;
        }

        // 2. Write each image, then the grid of the same images.
        Directory.CreateDirectory(output);
        IReadOnlyList<byte[]> pngs = generator.GeneratePngs(count, seed, label);
        for (int i = 0; i < pngs.Count; i++)
            File.WriteAllBytes(Path.Combine(output, string.Create(CultureInfo.InvariantCulture, $"digit_{i:D4}.png")), pngs[i]);
        string gridPath = Path.Combine(output, "grid.png");
        File.WriteAllBytes(gridPath, generator.GenerateGridPng(count, seed, label: label));
        AnsiConsole.MarkupLine($"Wrote {count} images{(digit is null ? "" : $" of the digit {digit}")} and [blue]{Markup.Escape(gridPath)}[/].");
        if (classGrid)
        {
            string classGridPath = Path.Combine(output, "class-grid.png");
            File.WriteAllBytes(classGridPath, generator.GenerateClassGridPng(perClass: 10, seed));
            AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(classGridPath)}[/] (one row per digit).");
        }
        return 0;
    }
}
