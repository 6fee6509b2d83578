using System.CommandLine;
using Dcgan.Mnist;
using Dcgan.Mnist.Evaluation;
using Spectre.Console;

namespace Dcgan.Cli;

/// <summary><c>dcgan train-classifier</c>: reproduces the evaluator's shipped classifier.</summary>
internal static class TrainClassifierCommand
{
    public static Command Create()
    {
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => 4 };
        var seed = new Option<long>("--seed") { Description = "Seed.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "libtorch threads.", DefaultValueFactory = _ => 2 };
        var dataset = new DatasetOption();
        var output = new Option<string?>("--output") { Description = "Where to write the weights (default KEY-classifier.bin, the name Dcgan.Mnist ships it under)." };

        var command = new Command("train-classifier", "Train the classifier the evaluator ships for a data set (documented, seeded recipe).") { epochs, seed, threads, output };
        foreach (Option option in dataset.All)
            command.Options.Add(option);
        command.SetAction(result =>
        {
            TorchSharp.torch.set_num_threads(result.GetValue(threads));
            MnistDataset data = MnistDataset.Load(dataset.Options(result));
            string path = result.GetValue(output) ?? $"{data.Spec.Key}-classifier.bin";
            var progress = new Reporter();
            using MnistClassifier classifier = MnistClassifierTraining.Train(data, result.GetValue(epochs), result.GetValue(seed), progress);
            MnistClassifierFile.Save(classifier, path);
            AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(path)}[/] ({new FileInfo(path).Length / 1024.0:F0} KiB).");
            return 0;
        });
        return command;
    }

    private sealed class Reporter : IProgress<(int Epoch, double TestAccuracy)>
    {
        public void Report((int Epoch, double TestAccuracy) value) =>
            AnsiConsole.MarkupLine($"epoch {value.Epoch}: test accuracy {value.TestAccuracy:P2}");
    }
}
