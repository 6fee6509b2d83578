using Dcgan.Mnist.Datasets;
using Dcgan.Mnist.Pretrained;
using Dcgan.Inference;
using Spectre.Console;

namespace Dcgan.Cli;

/// <summary>Loads a generator file for a verb, turning bad files into a message and exit code 2.</summary>
internal static class CliModel
{
    /// <summary>Description of a <c>--model</c> option that falls back to the shipped generator.</summary>
    public const string ModelDescription = "A generator file (from train or export); without it, the pretrained generator shipped for the data set (MNIST unless --dataset says otherwise).";

    /// <summary>
    /// Loads <paramref name="path"/>, or without one the shipped generator: the class-conditional MNIST one when
    /// <paramref name="conditional"/>, the Fashion-MNIST one for that data set, else the MNIST one.
    /// </summary>
    public static TorchImageGenerator? TryLoad(string? path, bool conditional = false, IdxDatasetSpec? dataset = null)
    {
        try
        {
            return path is not null ? TorchImageGenerator.Load(path)
                : conditional ? MnistPretrained.LoadConditionalGenerator()
                : dataset == IdxDatasetSpec.FashionMnist ? MnistPretrained.LoadFashionGenerator()
                : MnistPretrained.LoadGenerator();
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return null;
        }
    }
}
