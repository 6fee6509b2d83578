using System.CommandLine;
using System.Text.Json;
using Dcgan.Mnist;
using Dcgan.Mnist.Evaluation;
using Dcgan.Inference;
using Spectre.Console;

namespace Dcgan.Cli;

/// <summary><c>dcgan evaluate</c>: scores a generator with the classifier shipped for its data set (MNIST or Fashion-MNIST).</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = CliModel.ModelDescription };
        var count = new Option<int>("--count") { Description = "Samples to draw.", DefaultValueFactory = _ => MnistEvaluator.DefaultCount };
        var seed = new Option<long>("--seed") { Description = "Seed of the samples.", DefaultValueFactory = _ => 0 };
        var dataset = new DatasetOption();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var floor = new Option<bool>("--floor") { Description = "Also score 10,000 real training images (the floor)." };
        var images = new Option<string?>("--images") { Description = "Score raw float32 images [N, 1, 28, 28] in [-1, 1] from another tool instead of a generator." };

        var command = new Command("evaluate", "Score a generator: confidence, class coverage, classifier score, Fréchet distance.") { model, count, seed, json, floor, images };
        foreach (Option option in dataset.All)
            command.Options.Add(option);
        command.SetAction(result =>
        {
            MnistDataset mnist = MnistDataset.Load(dataset.Options(result));
            using MnistEvaluator evaluator = MnistEvaluator.Create(mnist);
            MnistEvaluation evaluation;
            MnistConditionalEvaluation? conditional = null;
            if (result.GetValue(images) is string raw)
            {
                TorchSharp.torch.Tensor tensor;
                try
                {
                    tensor = Dcgan.Evaluation.RawImages.Read(raw);
                }
                catch (InvalidDataException e)
                {
                    AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                    return 2;
                }
                using (tensor)
                    evaluation = evaluator.Evaluate(tensor);
            }
            else
            {
                using TorchImageGenerator? generator = CliModel.TryLoad(result.GetValue(model), dataset: mnist.Spec);
                if (generator is null)
                    return 2;
                if (generator.Description.IsConditional)
                {
                    // Ask for each digit in turn; the overall numbers then come from the same balanced images.
                    conditional = evaluator.EvaluateConditional(generator, Math.Max(2, result.GetValue(count) / 10), result.GetValue(seed));
                    evaluation = conditional.Overall;
                }
                else
                {
                    evaluation = evaluator.Evaluate(generator, result.GetValue(count), result.GetValue(seed));
                }
            }
            MnistEvaluation? real = result.GetValue(floor) ? evaluator.EvaluateRealData() : null;
            MnistConditionalEvaluation? realConditional = conditional is not null && result.GetValue(floor) ? evaluator.EvaluateRealDataConditional() : null;

            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { generator = evaluation, realDataFloor = real, conditional, conditionalFloor = realConditional },
                    new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            var table = new Table().AddColumns("metric", "generator", real is null ? "" : "real data (floor)");
            void Row(string name, Func<MnistEvaluation, string> value) => table.AddRow(name, value(evaluation), real is null ? "" : value(real));
            Row("images", e => e.Count.ToString());
            Row("Fréchet distance (lower is better)", e => e.FrechetDistance.ToString("F3"));
            Row("classifier score (1 to 10)", e => e.ClassifierScore.ToString("F3"));
            Row("mean confidence", e => e.MeanConfidence.ToString("F4"));
            Row("class KL from uniform (nats)", e => e.ClassKlDivergence.ToString("F4"));
            Row("class shares 0..9", e => string.Join(" ", e.ClassFractions.Select(f => f.ToString("P1"))));
            Row("collapsed", e => e.Collapsed ? "[red]yes[/]" : "no");
            AnsiConsole.Write(table);
            if (conditional is not null)
            {
                var perDigit = new Table().AddColumns("digit asked for", "classifier agrees", "Fréchet distance to that digit's test images", realConditional is null ? "" : "real data (floor)");
                for (int digit = 0; digit < 10; digit++)
                {
                    perDigit.AddRow(digit.ToString(), conditional.ClassAgreement[digit].ToString("P1"), conditional.ClassFrechetDistances[digit].ToString("F2"),
                        realConditional is null ? "" : realConditional.ClassFrechetDistances[digit].ToString("F2"));
                }
                perDigit.AddRow("[bold]all[/]", $"[bold]{conditional.Agreement:P2}[/]", conditional.ClassFrechetDistances.Average().ToString("F2") + " (mean)",
                    realConditional is null ? "" : realConditional.ClassFrechetDistances.Average().ToString("F2") + " (mean)");
                AnsiConsole.Write(perDigit);
            }
            return 0;
        });
        return command;
    }
}
