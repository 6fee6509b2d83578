using Dcgan.Models;
using Spectre.Console;

namespace Dcgan.Cli;

/// <summary>Loads a generator file for a verb, turning bad files into a message and exit code 2.</summary>
internal static class CliModel
{
    public const string DefaultPath = "outputs/generator.dcgan";

    public static Generator? TryLoad(string path)
    {
        try
        {
            return Generator.Load(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return null;
        }
    }
}
