using System.Buffers.Binary;
using Dcgan.Inference;
using Dcgan.Models;
using Dcgan.Models.DiscriminatorPieces;
using Dcgan.Persistence;
using Dcgan.Tests;
using Dcgan.Tests.Fuzzing;
using Xunit.Abstractions;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Core.Tests.Persistence;

/// <summary>
/// Slow tier: thousands of mutated, truncated and spliced model files and checkpoints, and structurally generated
/// safetensors headers, through every Dcgan.Core reader. Each must load or be refused with the documented exception
/// naming the file, within the time limit; the counts, times and memory go to <c>docs/reliability.md</c>.
/// </summary>
[Trait("Category", "Slow")]
[Collection(nameof(FuzzCollection))]
public sealed class ModelFileFuzzTests(ITestOutputHelper output)
{
    private static readonly DcganArchitecture Small = Models.GeneratorTests.Small;
    private static readonly Type[] InvalidData = [typeof(InvalidDataException)];

    private static byte[] Saved(Action<string> save)
    {
        using var directory = TestData.CreateTemporaryDirectory();
        string path = Path.Combine(directory.Path, "seed.dcgan");
        save(path);
        return File.ReadAllBytes(path);
    }

    private static byte[] GeneratorSeed(DcganArchitecture architecture) => Saved(path =>
    {
        using var generator = new Generator(architecture, seed: 1);
        GeneratorFile.Save(generator, path);
    });

    private static byte[] DiscriminatorSeed(DcganArchitecture architecture) => Saved(path =>
    {
        using var discriminator = new Discriminator(architecture, seed: 1);
        DiscriminatorFile.Save(discriminator, path);
    });

    private static byte[] LegacySeed(Func<Generator, byte[]> write)
    {
        using var generator = new Generator(Small, seed: 4);
        return write(generator);
    }

    /// <summary>The structural part: a safetensors header, or a version 1 file's manifest and the start of its tensors.</summary>
    private static int Focus(byte[] file) =>
        file.AsSpan().StartsWith("DCGANMDL"u8) ? Math.Min(file.Length, 16 + BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(12)) + 512) : Mutator.SafetensorsHeader(file);

    private static IEnumerable<byte[]> GeneratorInputs()
    {
        byte[][] seeds =
        [
            GeneratorSeed(Small),
            GeneratorSeed(Small with { Shape = Small.Shape with { ClassNames = ["a", "b", "c"] } }),
            LegacySeed(LegacyModelFiles.Version2),
            LegacySeed(LegacyModelFiles.Version1),
            DiscriminatorSeed(Small),
        ];
        return new Mutator(seeds, Focus).Inputs(2500, seed: 1).Concat(SafetensorsHeaders.Files(500, seed: 2));
    }

    [Fact]
    public void GeneratorFile_Load_MutatedAndGeneratedFiles_LoadOrAreRefusedNamingTheFile() =>
        FuzzRunner.Run("generator-file-torchsharp", ".dcgan", GeneratorInputs(), path => GeneratorFile.Load(path).Dispose(), InvalidData, output);

    [Fact]
    public void GeneratorFileContent_Read_MutatedAndGeneratedFiles_LoadOrAreRefusedNamingTheFile() =>
        FuzzRunner.Run("generator-file-content", ".dcgan", GeneratorInputs(), path => GeneratorFileContent.Read(path), InvalidData, output);

    [Fact]
    public void DiscriminatorFile_Load_MutatedAndGeneratedFiles_LoadOrAreRefusedNamingTheFile()
    {
        DcganArchitecture withPieces = Small with
        {
            Discriminator = Small.Discriminator with { Pieces = [new MinibatchStdDevPiece(), new MinibatchDiscriminationPiece { Kernels = 4, KernelDimensions = 3 }], Packing = 2 },
        };
        byte[][] seeds = [DiscriminatorSeed(Small), DiscriminatorSeed(withPieces), GeneratorSeed(Small)];
        FuzzRunner.Run("discriminator-file", ".dcgan", new Mutator(seeds, Focus).Inputs(1500, seed: 3).Concat(SafetensorsHeaders.Files(300, seed: 4)),
            path => DiscriminatorFile.Load(path).Dispose(), InvalidData, output);
    }

    [Fact]
    public void Checkpoints_LoadGenerator_MutatedFiles_LoadOrAreRefusedNamingTheFile() =>
        FuzzRunner.Run("checkpoint-generator", ".dcgan-ckpt", CheckpointMutator().Inputs(800, seed: 5).Concat(SafetensorsHeaders.Files(200, seed: 6)),
            path => CheckpointFile.LoadGenerator(path).Dispose(), InvalidData, output);

    [Fact(Skip = "Crashes the test host in native code (libc memmove, SIGSEGV) on some mutated checkpoints, about one run in four on the "
        + "AMD Zen 5 machines of 2026-12-03, at main before that day's changes too; the resume path hands the optimizer states to "
        + "TorchSharp's load_state_dict, the suspect. Known issue in docs/configuration.md, Checkpoints and resume.")]
    public void Checkpoints_Resume_MutatedFiles_LoadOrAreRefusedNamingTheFile() =>
        FuzzRunner.Run("checkpoint-resume", ".dcgan-ckpt", CheckpointMutator().Inputs(300, seed: 7),
            path => new DcganBuilder().WithDataSource(EmojiSubsetSource.Labelled(64)).WithThreads(2).WithEpochs(2).WithResumeFrom(path).Build().Dispose(),
            [typeof(DcganValidationException), typeof(InvalidDataException)], output);

    /// <summary>Mutations of two real checkpoints of a small conditional run with minibatch discrimination.</summary>
    private static Mutator CheckpointMutator()
    {
        using var directory = TestData.CreateTemporaryDirectory();
        // A clock that stands still: the checkpoints' metadata (training seconds, epoch durations) then has the same
        // length every run, so the seeded mutations land on the same bytes and every run tries the same inputs.
        new DcganBuilder().WithDataSource(EmojiSubsetSource.Labelled(64)).WithFeatureMaps(8, 8).WithLatentSize(16).WithBatchSize(32).WithEpochs(1).WithSeed(9).WithThreads(2)
            .WithMinibatchDiscrimination(4, 3).WithClassConditioning().WithTimeProvider(new ManualClock())
            .WithOutputDirectory(Path.Combine(directory.Path, "out")).WithCheckpoints(directory.Path).Train().Dispose();
        byte[][] seeds = [.. Directory.GetFiles(directory.Path, "*.dcgan-ckpt").Select(File.ReadAllBytes)];
        seeds.Should().NotBeEmpty();
        return new Mutator(seeds, Mutator.SafetensorsHeader);
    }
}
