using System.CommandLine;
using Dcgan.Data;
using Dcgan.Evaluation;
using Dcgan.Imaging;
using Dcgan.Inference;
using Dcgan.Mnist;
using SixLabors.ImageSharp;
using Spectre.Console;
using static TorchSharp.torch;

namespace Dcgan.Cli;

/// <summary>
/// <c>dcgan neighbours</c>: the memorisation check. For generated samples, the nearest training image by pixel L2 distance,
/// as a distance distribution beside the same distribution for real training images (each to its nearest other training
/// image), and a picture of the closest sample / neighbour pairs.
/// </summary>
internal static class NeighboursCommand
{
    private static readonly double[] Quantiles = [0, 0.01, 0.05, 0.25, 0.5];

    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = CliModel.ModelDescription };
        var count = new Option<int>("--count") { Description = "Generated samples to check (and real images for the reference distribution).", DefaultValueFactory = _ => 1000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the samples.", DefaultValueFactory = _ => 0 };
        var pairs = new Option<int>("--pairs") { Description = "Closest pairs drawn in the picture.", DefaultValueFactory = _ => 16 };
        var output = new Option<string>("--output") { Description = "The picture: generated samples (odd rows) above their nearest training image (even rows).", DefaultValueFactory = _ => "neighbours.png" };
        var images = new Option<string?>("--images") { Description = "Compare with the images in this folder (as train --images) instead of an MNIST-layout data set." };
        var dataset = new DatasetOption();

        var command = new Command("neighbours", "Memorisation check: each generated sample's nearest training image (pixel L2), against real images' own nearest-neighbour distances.")
        {
            model, count, seed, pairs, output, images,
        };
        foreach (Option option in dataset.All)
            command.Options.Add(option);
        command.SetAction(result =>
        {
            int samples = result.GetValue(count);
            int shown = result.GetValue(pairs);
            if (samples < 2 || shown < 1)
            {
                AnsiConsole.MarkupLine($"[red]--count must be at least 2 and --pairs at least 1, but were {samples} and {shown}.[/]");
                return 2;
            }
            using TorchImageGenerator? generator = CliModel.TryLoad(result.GetValue(model), dataset: result.GetValue(images) is null ? dataset.Spec(result) : null);
            if (generator is null)
                return 2;
            GeneratorDescription description = generator.Description;
            IImageDataSource source = result.GetValue(images) is string folder
                ? new ImageFolderSource(new ImageFolderOptions { Path = folder, Channels = description.Channels })
                : new MnistDataSource(dataset.Options(result));
            if (source.Channels != description.Channels)
            {
                AnsiConsole.MarkupLine($"[red]The generator makes {description.Channels}-channel images but {Markup.Escape(source.Description)} has {source.Channels}.[/]");
                return 2;
            }

            using var scope = NewDisposeScope();
            ImageData training;
            try
            {
                training = source.Load(description.ImageSize);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
                return 2;
            }
            using (training)
            {
                ImageBatch batch = generator.Generate(samples, result.GetValue(seed));
                Tensor generated = tensor(batch.Pixels.ToArray(), [batch.Count, batch.Channels, batch.Height, batch.Width]);
                Tensor references = training.ToValues();
                NearestNeighbourMatches fake = NearestNeighbours.Find(generated, references);
                int realCount = Math.Min(samples, training.Count);
                NearestNeighbourMatches real = NearestNeighbours.Find(references.narrow(0, 0, realCount), references, excludeSelf: true);

                var table = new Table().AddColumns("nearest-neighbour L2 distance", $"{samples} generated -> training", $"{realCount} training -> other training");
                foreach (double q in Quantiles)
                    table.AddRow(q == 0 ? "minimum" : $"{q:P0} quantile", fake.Quantile(q).ToString("F3"), real.Quantile(q).ToString("F3"));
                AnsiConsole.MarkupLine($"Generator {Markup.Escape(result.GetValue(model) ?? "(pretrained)")} against {Markup.Escape(source.Description)} ({training.Count} images, {description.ImageSize} px):");
                AnsiConsole.Write(table);
                double ratio = fake.Quantile(0.5) / real.Quantile(0.5);
                AnsiConsole.MarkupLine($"Median ratio generated/real: [bold]{ratio:F2}[/] (well below 1 means samples sit closer to training images than real images do to each other: copies).");

                // The closest pairs: a row of samples, then a row of their neighbours.
                int[] closest = [.. fake.ClosestFirst().Take(Math.Min(shown, samples))];
                const int columns = 8;
                var rows = new List<Tensor>();
                for (int start = 0; start < closest.Length; start += columns)
                {
                    long[] chunk = [.. closest.Skip(start).Take(columns).Select(i => (long)i)];
                    rows.Add(generated.index_select(0, tensor(chunk)));
                    rows.Add(references.index_select(0, tensor(chunk.Select(i => (long)fake.Indices[(int)i]).ToArray())));
                }
                using Image picture = TensorImages.ToGrid(cat(rows, 0), Math.Min(columns, closest.Length));
                string path = result.GetValue(output)!;
                Dcgan.Persistence.AtomicFile.Write(path, stream => picture.SaveAsPng(stream));
                AnsiConsole.MarkupLine($"wrote [blue]{Markup.Escape(path)}[/] ({closest.Length} closest pairs)");
            }
            return 0;
        });
        return command;
    }
}
