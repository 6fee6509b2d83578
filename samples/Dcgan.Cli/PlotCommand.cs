using System.CommandLine;
using Spectre.Console;

namespace Dcgan.Cli;

/// <summary><c>dcgan plot</c>: draws the loss curves of any run from its <c>metrics.csv</c>.</summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var metrics = new Option<string>("--metrics") { Description = "A metrics.csv written by train.", DefaultValueFactory = _ => Path.Combine("outputs", "metrics.csv") };
        var output = new Option<string>("--output") { Description = "The PNG to write.", DefaultValueFactory = _ => Path.Combine("outputs", "losses.png") };

        var command = new Command("plot", "Plot discriminator and generator losses, D(x) and D(G(z)) from metrics.csv.") { metrics, output };
        command.SetAction(result =>
        {
            try
            {
                LossPlot.Write(result.GetValue(metrics)!, result.GetValue(output)!);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
                return 2;
            }
            AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(result.GetValue(output)!)}[/].");
            return 0;
        });
        return command;
    }
}
