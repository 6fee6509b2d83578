using System.CommandLine;
using Dcgan.Models;
using Dcgan.Onnx;
using Dcgan.Persistence;
using Spectre.Console;

namespace Dcgan.Cli;

/// <summary>
/// <c>dcgan export</c>: writes a generator as a standalone generator file or an ONNX model, from a training checkpoint
/// or from a generator file.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string?>("--checkpoint") { Description = "A checkpoint written by train." };
        var model = new Option<string?>("--model") { Description = "A generator file (.dcgan), for --format onnx." };
        var format = new Option<string>("--format") { Description = "dcgan (a generator file) or onnx (opset 17, for ONNX Runtime anywhere).", DefaultValueFactory = _ => "dcgan" }
            .AcceptOnlyFromAmong("dcgan", "onnx");
        var output = new Option<string?>("--output") { Description = "The file to write (default generator.dcgan or generator.onnx)." };

        var command = new Command("export", "Export a generator as a standalone generator file or an ONNX model.") { checkpoint, model, format, output };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(checkpoint) is null) == (result.GetValue(model) is null))
                result.AddError("Give exactly one of --checkpoint and --model.");
            else if (result.GetValue(model) is not null && result.GetValue(format) == "dcgan")
                result.AddError("--model is already a generator file: use --format onnx to convert it.");
        });
        command.SetAction(result =>
        {
            string kind = result.GetValue(format)!;
            return Run(result.GetValue(checkpoint), result.GetValue(model), kind, result.GetValue(output) ?? $"generator.{kind}");
        });
        return command;
    }

    private static int Run(string? checkpointPath, string? modelPath, string format, string output)
    {
        string? temporary = null;
        try
        {
            if (checkpointPath is not null)
            {
                using Generator generator = CheckpointFile.LoadGenerator(checkpointPath);
                string generatorFile = format == "dcgan" ? output : temporary = Path.Combine(Path.GetTempPath(), $"dcgan-export-{Guid.NewGuid():N}.dcgan");
                GeneratorFile.Save(generator, generatorFile);
                modelPath = generatorFile;
            }
            if (format == "onnx")
                OnnxExport.Write(modelPath!, output);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or UnauthorizedAccessException or IOException)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return 2;
        }
        finally
        {
            if (temporary is not null)
                File.Delete(temporary);
        }
        AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(output)}[/] ({new FileInfo(output).Length / 1024.0:F0} KiB, {format}).");
        return 0;
    }
}
