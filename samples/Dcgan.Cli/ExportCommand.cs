using System.CommandLine;
using Dcgan.Models;
using Dcgan.Persistence;
using Dcgan.Training;
using Spectre.Console;

namespace Dcgan.Cli;

/// <summary><c>dcgan export</c>: extracts the generator file from a training checkpoint.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A checkpoint written by train.", Required = true };
        var output = new Option<string>("--output") { Description = "The generator file to write.", DefaultValueFactory = _ => "generator.dcgan" };

        var command = new Command("export", "Export the generator of a checkpoint as a standalone generator file.") { checkpoint, output };
        command.SetAction(result => Run(result.GetValue(checkpoint)!, result.GetValue(output)!));
        return command;
    }

    private static int Run(string checkpointPath, string output)
    {
        Generator generator;
        try
        {
            generator = CheckpointFile.LoadGenerator(checkpointPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return 2;
        }
        using (generator)
            GeneratorFile.Save(generator, output);
        AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(output)}[/] ({new FileInfo(output).Length / 1024.0:F0} KiB, epoch {generator.Training?.Epochs}).");
        return 0;
    }
}
