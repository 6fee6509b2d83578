namespace Dcgan.Mnist.Sources;

/// <summary>One of the four canonical MNIST files, with the SHA-256 of its gzipped form.</summary>
/// <param name="Name">The canonical gzipped file name, such as <c>train-images-idx3-ubyte.gz</c>.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the gzipped file as published.</param>
internal sealed record MnistFile(string Name, string Sha256)
{
    public static MnistFile TrainImages { get; } = new("train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609");
    public static MnistFile TrainLabels { get; } = new("train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c");
    public static MnistFile TestImages { get; } = new("t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6");
    public static MnistFile TestLabels { get; } = new("t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6");

    public static IReadOnlyList<MnistFile> All { get; } = [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>The name without <c>.gz</c>, as the files are often stored decompressed.</summary>
    public string RawName => Name[..^3];

    /// <summary>Finds the file in <paramref name="directory"/>, gzipped or raw; null when absent.</summary>
    public string? FindIn(string directory)
    {
        foreach (string candidate in new[] { Name, RawName })
        {
            string path = Path.Combine(directory, candidate);
            if (File.Exists(path))
                return path;
        }
        return null;
    }
}
