using System.CommandLine;
using Dcgan.Training;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Dcgan.Cli;

/// <summary><c>dcgan train</c>: trains on MNIST (or a folder of images) and writes sample grids and model files.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        // Defaults come from the library's, so the CLI's default run is the library's default run.
        var defaults = new DcganOptions();
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => defaults.Epochs };
        var batchSize = new Option<int>("--batch-size") { Description = "Images per batch.", DefaultValueFactory = _ => defaults.Optimization.BatchSize };
        var output = new Option<string>("--output") { Description = "Directory for sample grids and model files.", DefaultValueFactory = _ => "outputs" };
        var dataset = new DatasetOption();
        var seed = new Option<long>("--seed") { Description = "Seed of initialisation, shuffling and noise.", DefaultValueFactory = _ => defaults.Optimization.Seed };
        var limit = new Option<int?>("--limit") { Description = "Train on the first N images only." };
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var resume = new Option<string?>("--resume") { Description = "A checkpoint to continue from (the run's settings come from it, except --lr-decay-epochs; --epochs is the total)." };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Write a checkpoint to OUTPUT/checkpoints every N epochs.", DefaultValueFactory = _ => 1 };
        var keepCheckpoints = new Option<int>("--keep-checkpoints") { Description = "How many of the newest checkpoints to keep.", DefaultValueFactory = _ => 3 };
        var averageDecay = new Option<double?>("--average-decay")
        {
            Description = $"Decay of the exponential moving average of the generator's weights that is saved (library default: {defaults.Optimization.GeneratorAverageDecay?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}); 0 turns it off.",
        };

        var images = new Option<string?>("--images") { Description = "Train on the images in this folder and its sub-folders instead of MNIST (--limit applies)." };
        var grayscale = new Option<bool>("--grayscale") { Description = "With --images: read the images as grayscale (default RGB)." };
        var cache = new Option<string?>("--cache") { Description = "With --images: keep the decoded images in this file and memory-map it (sets larger than memory; reused while the files are unchanged)." };
        var tensorBoard = new Option<string?>("--tensorboard") { Description = "Also write a TensorBoard event file (losses, scores, speed, sample grids) to this directory; view with tensorboard --logdir DIR." };
        var imageSize = new Option<int?>("--image-size") { Description = $"Image size, one of {string.Join(", ", Dcgan.Models.ImageShape.SupportedImageSizes)} (default {new Dcgan.Models.ImageShape().ImageSize})." };

        var tuning = new TuningOptions();

        var command = new Command("train", "Train a DCGAN on MNIST or on a folder of images.")
        {
            epochs, batchSize, output, seed, limit, threads, resume, checkpointEvery, keepCheckpoints, averageDecay, images, grayscale, cache, imageSize, tensorBoard,
        };
        foreach (Option option in dataset.All.Concat(tuning.All))
            command.Options.Add(option);
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(
            new TrainSettings(result.GetValue(epochs), result.GetValue(batchSize), result.GetValue(output)!, dataset.Options(result), result.GetValue(seed),
                result.GetValue(limit), result.GetValue(threads), result.GetValue(resume), result.GetValue(checkpointEvery), result.GetValue(keepCheckpoints), result.GetValue(averageDecay),
                result.GetValue(images), result.GetValue(grayscale), result.GetValue(cache), result.GetValue(imageSize), result.GetValue(tensorBoard)),
            builder => tuning.ApplyTo(builder, result),
            cancellationToken)));
        return command;
    }

    /// <summary>
    /// Trains on the thread that invoked the command (the process's main thread), not on a thread-pool thread: the same
    /// steps ran measurably slower and more variably on a thread-pool thread (docs/performance.md, "At the default configuration").
    /// </summary>
    private static int Run(TrainSettings settings, Action<DcganBuilder> tune, CancellationToken cancellationToken)
    {
        (int epochs, int batchSize, string output, Dcgan.Mnist.MnistOptions mnist, long seed, int? limit, int threads, string? resume, int checkpointEvery, int keepCheckpoints, double? averageDecay,
            string? images, bool grayscale, string? cache, int? imageSize, string? tensorBoardDirectory) = settings;
        using ILoggerFactory loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));

        // 1. Configure the run.
        mnist.Limit = limit;
        DcganBuilder builder = images is null
            ? new DcganBuilder().WithMnist(mnist)
            : new DcganBuilder().WithImageFolder(images, options =>
            {
                options.Channels = grayscale ? 1 : 3;
                options.Limit = limit;
                options.CacheFile = cache;
            });
        builder
            .WithEpochs(epochs)
            .WithBatchSize(batchSize)
            .WithSeed(seed)
            .WithThreads(threads)
            .WithOutputDirectory(output)
            .WithCheckpoints(Path.Combine(output, "checkpoints"), checkpointEvery, keepCheckpoints)
            .WithLoggerFactory(loggerFactory);
        if (resume is not null)
            builder.WithResumeFrom(resume);
        if (averageDecay is not null)
            builder.WithGeneratorAverage(averageDecay == 0 ? null : averageDecay);
        if (imageSize is int size)
            builder.WithImageSize(size);
        if (tensorBoardDirectory is not null)
            builder.WithTensorBoard(tensorBoardDirectory);
        tune(builder);

        AnsiConsole.MarkupLine($"Training a DCGAN on {Markup.Escape(images is null ? mnist.Dataset.Name : $"the images in {images}")}: [bold]{epochs}[/] epochs, batch {batchSize}, seed {seed}, {threads} threads -> [blue]{Markup.Escape(Path.GetFullPath(output))}[/]");

        // 2. Train with a live progress bar.
        TrainingResult result;
        try
        {
            Progress display = AnsiConsole.Progress();
            // Redrawing competes with training for the CPU on a small machine: twice a second is enough.
            display.RefreshRate = TimeSpan.FromMilliseconds(500);
            result = display
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask("starting", maxValue: 1.0);
                    var progress = new SpectreTrainingProgress(task);
                    return builder.Train(progress, cancellationToken);
                });
        }
        catch (OperationCanceledException)
        {
            // The trainer wrote a checkpoint of where it stopped (the newest file there), unless it stopped before the first step.
            AnsiConsole.MarkupLine("[yellow]Stopped.[/] Files already written are complete.");
            ShowResumeCommand(output, epochs);
            return 130;
        }
        catch (TrainingDivergedException ex)
        {
            // Checkpoints written before the bad step are untouched; resuming repeats the same steps unless a setting changes.
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            ShowResumeCommand(output, epochs);
            return 3;
        }
        catch (Exception ex) when (ex is DcganValidationException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return 2;
        }

        // 3. Report what was produced.
        using (result)
        {
            var table = new Table().AddColumns("epoch", "D loss", "G loss", "D(x)", "D(G(z))", "D accuracy", "images/s", "seconds");
            foreach (EpochSummary e in result.History)
            {
                table.AddRow(e.Epoch.ToString(), e.DiscriminatorLoss.ToString("F4"), e.GeneratorLoss.ToString("F4"), e.RealScore.ToString("F3"),
                    e.FakeScore.ToString("F3"), e.DiscriminatorAccuracy.ToString("P1"), e.ImagesPerSecond.ToString("F0"), e.Duration.TotalSeconds.ToString("F1"));
            }
            AnsiConsole.Write(table);
            string metrics = Path.Combine(output, "metrics.csv");
            if (File.Exists(metrics))
            {
                string losses = Path.Combine(output, "losses.png");
                try
                {
                    LossPlot.Write(metrics, losses);
                    AnsiConsole.MarkupLine($"wrote [blue]{Markup.Escape(losses)}[/]");
                }
                catch (InvalidDataException ex)
                {
                    // A run shorter than the metrics interval has no rows to plot; the model files are still complete.
                    AnsiConsole.MarkupLine($"[yellow]No loss plot:[/] {Markup.Escape(ex.Message)}");
                }
            }
            foreach (string file in result.Files)
                AnsiConsole.MarkupLine($"wrote [blue]{Markup.Escape(file)}[/]");
            AnsiConsole.MarkupLine($"Pictures and metrics took {result.OutputTime.TotalSeconds:F2} s of {result.Elapsed.TotalSeconds:F1} s ({100 * result.OutputTime / result.Elapsed:F2}%).");
            AnsiConsole.MarkupLine($"Done in {result.Elapsed.TotalSeconds:F1} s.");
        }
        return 0;
    }

    private sealed record TrainSettings(int Epochs, int BatchSize, string Output, Dcgan.Mnist.MnistOptions Mnist, long Seed, int? Limit, int Threads, string? Resume, int CheckpointEvery, int KeepCheckpoints, double? AverageDecay,
        string? Images, bool Grayscale, string? Cache, int? ImageSize, string? TensorBoard);

    private static void ShowResumeCommand(string output, int epochs)
    {
        string checkpoints = Path.Combine(output, "checkpoints");
        string? newest = Directory.Exists(checkpoints) ? Directory.GetFiles(checkpoints, "checkpoint_epoch_*.dcgan-ckpt").Order(StringComparer.Ordinal).LastOrDefault() : null;
        if (newest is not null)
            AnsiConsole.MarkupLine($"Continue with: [blue]dcgan train --resume {Markup.Escape(newest)} --epochs {epochs} --output {Markup.Escape(output)}[/] (with the same data options).");
    }
}
