using Dcgan.Mnist.Pretrained;
using Dcgan.Models;
using Spectre.Console;

namespace Dcgan.Cli;

/// <summary>Loads a generator file for a verb, turning bad files into a message and exit code 2.</summary>
internal static class CliModel
{
    /// <summary>Description of a <c>--model</c> option that falls back to the shipped generator.</summary>
    public const string ModelDescription = "A generator file (from train or export); without it, the pretrained MNIST generator shipped with Dcgan.Mnist.";

    public static Generator? TryLoad(string? path)
    {
        try
        {
            return path is null ? MnistPretrained.LoadGenerator() : Generator.Load(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return null;
        }
    }
}
