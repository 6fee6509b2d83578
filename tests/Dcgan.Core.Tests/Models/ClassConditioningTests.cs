using Dcgan.Imaging;
using Dcgan.Inference;
using Dcgan.Models;
using Dcgan.Persistence;
using Dcgan.Tests;
using SixLabors.ImageSharp;
using static TorchSharp.torch;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Core.Tests.Models;

public sealed class ClassConditioningTests
{
    private static readonly DcganArchitecture Conditional = new()
    {
        Shape = new() { LatentSize = 16, ClassNames = ["cat", "dog", "owl"] },
        Generator = new() { FeatureMaps = 8 },
        Discriminator = new() { FeatureMaps = 8, Pieces = [] },
    };

    [Fact]
    public void Generate_WithALabel_GivesThatClassAndDiffersByLabelForTheSameNoise()
    {
        using var generator = new TorchImageGenerator(new Generator(Conditional, seed: 1));

        ImageBatch owls = generator.Generate(count: 4, seed: 7, label: 2);
        ImageBatch owlsAgain = generator.Generate(count: 4, seed: 7, label: generator.Description.LabelOf("owl"));
        ImageBatch cats = generator.Generate(count: 4, seed: 7, label: 0);

        (owls.Count, owls.Channels, owls.Height, owls.Width).Should().Be((4, 1, 28, 28));
        owls.Pixels.ToArray().Should().Equal(owlsAgain.Pixels.ToArray());
        owls.Pixels.ToArray().Should().NotEqual(cats.Pixels.ToArray(), "the label is part of the input");
    }

    [Fact]
    public void Generate_WithoutALabel_CyclesThroughTheClasses()
    {
        using var generator = new TorchImageGenerator(new Generator(Conditional, seed: 1));
        float[] noise = generator.SampleNoise(5, seed: 3);

        ImageBatch cycled = generator.Generate(count: 5, seed: 3);
        ImageBatch explicitLabels = generator.Generate(noise, [0, 1, 2, 0, 1]);
        using Tensor cycledTensor = generator.GenerateTensor(tensor(noise, [5, 16]));

        cycled.Pixels.ToArray().Should().Equal(explicitLabels.Pixels.ToArray());
        TensorImages.ToBatch(cycledTensor).Pixels.ToArray().Should().Equal(cycled.Pixels.ToArray(), "the tensor path cycles the same way");
    }

    [Fact]
    public void BadLabels_AreRejectedWithMessagesNamingTheClasses()
    {
        using var conditional = new TorchImageGenerator(new Generator(Conditional, seed: 1));
        using var unconditional = new TorchImageGenerator(new Generator(Conditional with { Shape = Conditional.Shape with { ClassNames = null } }, seed: 1));
        float[] noise = conditional.SampleNoise(2, seed: 0);
        using Tensor noiseTensor = tensor(noise, [2, 16]);

        conditional.Invoking(g => g.Generate(2, 0, label: 3)).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*0 to 2*cat, dog, owl*");
        conditional.Invoking(g => g.Description.LabelOf("emu")).Should().Throw<ArgumentException>().WithMessage("*no class 'emu'*cat, dog, owl*");
        conditional.Generator.Invoking(g => g.call(noiseTensor, null)).Should().Throw<InvalidOperationException>().WithMessage("*class-conditional*labels*");
        unconditional.Generator.Invoking(g => g.call(noiseTensor, tensor(new long[] { 0, 1 }))).Should().Throw<InvalidOperationException>().WithMessage("*not class-conditional*");
        unconditional.Invoking(g => g.Generate(2, 0, label: 1)).Should().Throw<ArgumentException>().WithMessage("*not class-conditional*");
        conditional.Invoking(g => g.Generate(noise, [0, 1, 2])).Should().Throw<ArgumentException>().WithMessage("*Expected 2 labels*");
        conditional.Invoking(g => g.Generate(noise, [0, 3])).Should().Throw<ArgumentException>().WithMessage("*from 0 to 2*3*");
        conditional.Invoking(g => g.Generate(noise)).Should().Throw<ArgumentException>().WithMessage("*class-conditional*one label per noise vector*");
        using Tensor wrongCount = tensor(new long[] { 0, 1, 2 });
        conditional.Invoking(g => g.GenerateTensor(noiseTensor, wrongCount)).Should().Throw<ArgumentException>().WithMessage("*Expected 2 labels*");
    }

    [Fact]
    public void SaveAndLoad_KeepsTheClassNamesAndTheImages()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "conditional.dcgan");
        using var generator = new TorchImageGenerator(new Generator(Conditional, seed: 4));
        GeneratorFile.Save(generator.Generator, path);

        using var loaded = TorchImageGenerator.Load(path);
        ImageBatch expected = generator.Generate(6, seed: 1, label: 1);
        ImageBatch actual = loaded.Generate(6, seed: 1, label: 1);

        loaded.Generator.Shape.Should().Be(Conditional.Shape);
        loaded.Generator.Architecture.Should().Be(Conditional.Generator);
        loaded.Description.ClassNames.Should().Equal("cat", "dog", "owl");
        // Readers without Dcgan (Python) find the classes in the plain metadata keys.
        var metadata = Dcgan.Persistence.SafetensorsFile.Read(File.ReadAllBytes(path), path).Metadata;
        metadata["class_count"].Should().Be("3");
        metadata["class_names"].Should().Be("[\"cat\",\"dog\",\"owl\"]");
        actual.Pixels.ToArray().Should().Equal(expected.Pixels.ToArray());
    }

    [Fact]
    public void Discriminator_ScoresImagesWithTheirLabels()
    {
        using var discriminator = new Discriminator(Conditional, seed: 2);
        discriminator.eval();
        using Tensor images = rand(4, 1, 28, 28) * 2 - 1;
        using Tensor labels = tensor(new long[] { 0, 1, 2, 0 });
        using Tensor others = tensor(new long[] { 1, 2, 0, 1 });

        using Tensor logits = discriminator.forward(images, labels);
        using Tensor otherLogits = discriminator.forward(images, others);

        logits.shape.Should().Equal(4);
        logits.eq(otherLogits).all().item<bool>().Should().BeFalse("the label reaches the score");
        discriminator.Invoking(d => d.call(images)).Should().Throw<InvalidOperationException>().WithMessage("*class-conditional*");
    }

    [Fact]
    public void ClassGrid_HasOneRowPerClassAndOneStylePerColumn()
    {
        using var generator = new TorchImageGenerator(new Generator(Conditional, seed: 1));

        using Image grid = generator.GenerateClassGrid(perClass: 5, seed: 9);
        using Image row1Image = generator.Generate(5, seed: 9, label: 1).ToGrid(columns: 5);

        // 2-pixel padding around 28-pixel cells: 5 columns and 3 rows.
        grid.Width.Should().Be(5 * 30 + 2);
        grid.Height.Should().Be(3 * 30 + 2);
        using var gridPixels = grid.CloneAs<SixLabors.ImageSharp.PixelFormats.L8>();
        using var rowPixels = row1Image.CloneAs<SixLabors.ImageSharp.PixelFormats.L8>();
        for (int y = 2; y < 30; y++)
        {
            for (int x = 0; x < rowPixels.Width; x++)
                gridPixels[x, 30 + y].Should().Be(rowPixels[x, y], "row 1 of the grid is class 1 drawn with the grid's noise");
        }
    }

    [Fact]
    public void ModelSummary_OfConditionalModels_CountsTheLabelInputs()
    {
        using var generator = new Generator(Conditional, seed: 1);
        using var discriminator = new Discriminator(Conditional, seed: 1);

        ModelSummary g = ModelSummary.Of(generator);
        ModelSummary d = ModelSummary.Of(discriminator);

        g.TotalParameters.Should().Be(generator.parameters().Sum(p => p.numel()));
        g.Layers[^1].OutputShape.Should().Equal(1, 28, 28);
        d.TotalParameters.Should().Be(discriminator.parameters().Sum(p => p.numel()));
        d.Layers[^1].OutputShape.Should().Equal(1, 1, 1);
        d.Layers[0].Parameters.Should().Be((1 + 3) * 8 * 4 * 4, "the first convolution reads the image and one channel per class");
    }

    [Theory]
    [InlineData(new[] { "only" }, "at least 2")]
    [InlineData(new[] { "a", "a", "b" }, "repeats 'a'")]
    [InlineData(new[] { "a", " " }, "empty")]
    public void Architecture_BadClassNames_AreReported(string[] names, string expected)
    {
        (Conditional with { Shape = Conditional.Shape with { ClassNames = names } }).Validate().Should().ContainSingle().Which.Should().Contain("ClassNames").And.Contain(expected);
    }
}
