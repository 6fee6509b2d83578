using System.CommandLine;
using Dcgan.Mnist;
using Dcgan.Mnist.Datasets;

namespace Dcgan.Cli;

/// <summary>The <c>--dataset</c> and <c>--data-dir</c> options that pick one of the built-in MNIST-layout data sets.</summary>
internal sealed class DatasetOption
{
    public Option<string> Dataset { get; } = new Option<string>("--dataset")
    {
        Description = "The data set: " + string.Join(", ", IdxDatasetSpec.BuiltIn.Select(s => $"{s.Key} ({s.Name})")) + ".",
        DefaultValueFactory = _ => IdxDatasetSpec.Mnist.Key,
    }.AcceptOnlyFromAmong([.. IdxDatasetSpec.BuiltIn.Select(s => s.Key)]);

    public Option<string?> Directory { get; } = new("--data-dir")
    {
        Description = "Directory holding the data set's four files (else its variable, such as DCGAN_MNIST_DIR, else the cache, downloading if needed).",
    };

    public IEnumerable<Option> All => [Dataset, Directory];

    public IdxDatasetSpec Spec(ParseResult result) => IdxDatasetSpec.FromKey(result.GetValue(Dataset)!);

    public MnistOptions Options(ParseResult result) => new() { Dataset = Spec(result), Directory = result.GetValue(Directory) };
}
