using Dcgan.Data;
using Dcgan.Evaluation;
using Dcgan.Tests;
using static TorchSharp.torch;

namespace Dcgan.Core.Tests.Evaluation;

/// <summary>The memorisation check on real emoji, against a brute-force distance table.</summary>
public sealed class NearestNeighboursTests
{
    [Fact]
    public void Find_CopiesOfTrainingImages_AreFoundAtDistanceZero()
    {
        using var scope = NewDisposeScope();
        using ImageData emoji = EmojiSubsetSource.First(300, channels: 3).Load(32);
        Tensor copies = emoji.Images.index_select(0, tensor(new long[] { 17, 250, 3 }));

        NearestNeighbourMatches matches = NearestNeighbours.Find(copies, emoji.Images);

        matches.Indices.Should().Equal(17, 250, 3);
        matches.Distances.Should().OnlyContain(d => d < 1e-3f);
    }

    [Fact]
    public void Find_AgreesWithABruteForceDistanceTable()
    {
        using var scope = NewDisposeScope();
        using ImageData emoji = EmojiSubsetSource.First(600).Load(28);
        // More queries than one chunk (256), so the chunking is exercised; queries are perturbed real images.
        using var random = new TorchSharp.torch.Generator(5);
        Tensor queries = (emoji.Images.narrow(0, 0, 300) + 0.3 * randn([300, 1, 28, 28], generator: random)).clamp(-1, 1);
        Tensor references = emoji.Images.narrow(0, 300, 300);

        NearestNeighbourMatches matches = NearestNeighbours.Find(queries, references);

        Tensor table = cdist(queries.flatten(1).to_type(ScalarType.Float64), references.flatten(1).to_type(ScalarType.Float64));
        (Tensor best, Tensor where) = table.min(1);
        matches.Indices.Should().Equal(where.data<long>().ToArray().Select(i => (int)i));
        matches.Distances.Zip(best.data<double>().ToArray()).Should().OnlyContain(pair => Math.Abs(pair.First - pair.Second) < 1e-3);
    }

    [Fact]
    public void Find_ExcludeSelf_NeverMatchesAnImageWithItself()
    {
        using var scope = NewDisposeScope();
        using ImageData emoji = EmojiSubsetSource.First(200).Load(28);

        NearestNeighbourMatches matches = NearestNeighbours.Find(emoji.Images.narrow(0, 0, 50), emoji.Images, excludeSelf: true);

        matches.Indices.Select((match, query) => match != query).Should().OnlyContain(different => different);
        matches.Quantile(0).Should().BeGreaterThanOrEqualTo(0);
        matches.Quantile(0.5).Should().BeLessThanOrEqualTo(matches.Quantile(1));
        matches.ClosestFirst().Select(i => matches.Distances[i]).Should().BeInAscendingOrder();
    }

    [Fact]
    public void Find_MismatchedShapes_ThrowsNamingBoth()
    {
        using var scope = NewDisposeScope();

        Action act = () => NearestNeighbours.Find(zeros(2, 1, 28, 28), zeros(2, 3, 28, 28));

        act.Should().Throw<ArgumentException>().WithMessage("*[2, 1, 28, 28]*[2, 3, 28, 28]*");
    }
}
