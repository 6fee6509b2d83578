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
        var dataDir = new Option<string?>("--data-dir") { Description = "MNIST directory." };
        var output = new Option<string>("--output") { Description = "Where to write the weights.", DefaultValueFactory = _ => "mnist-classifier.bin" };

        var command = new Command("train-classifier", "Train the MNIST classifier the evaluator ships (documented, seeded recipe).") { epochs, seed, threads, dataDir, output };
        command.SetAction(result =>
        {
            TorchSharp.torch.set_num_threads(result.GetValue(threads));
            MnistDataset mnist = MnistDataset.Load(new MnistOptions { Directory = result.GetValue(dataDir) });
            var progress = new Reporter();
            using MnistClassifier classifier = MnistClassifierTraining.Train(mnist, result.GetValue(epochs), result.GetValue(seed), progress);
            MnistClassifierFile.Save(classifier, result.GetValue(output)!);
            AnsiConsole.MarkupLine($"Wrote [blue]{Markup.Escape(result.GetValue(output)!)}[/] ({new FileInfo(result.GetValue(output)!).Length / 1024.0:F0} KiB).");
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
