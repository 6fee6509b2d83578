using System.Buffers.Binary;
using System.Text;
using Dcgan.Tests;
using Dcgan.Training;
using SixLabors.ImageSharp;
using Tensorboard;

namespace Dcgan.Core.Tests.Training;

/// <summary>The TensorBoard event file read back record by record: framing, both CRCs of every record, the scalars against the run's history and the grids against the PNG files.</summary>
public sealed class TensorBoardTests
{
    private static uint Masked(ReadOnlySpan<byte> bytes)
    {
        uint crc = BitwiseCrc.Compute(bytes, BitwiseCrc.Castagnoli);
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8U;
    }

    /// <summary>Every record of an event file, checking its framing and both checksums.</summary>
    private static List<Event> ReadRecords(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        var events = new List<Event>();
        int at = 0;
        while (at < file.Length)
        {
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(at));
            BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8)).Should().Be(Masked(file.AsSpan(at, 8)), $"the length CRC of the record at {at}");
            ReadOnlySpan<byte> data = file.AsSpan(at + 12, (int)length);
            BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 12 + (int)length)).Should().Be(Masked(data), $"the data CRC of the record at {at}");
            events.Add(Event.Parser.ParseFrom(data.ToArray())); // TorchSharp's generated messages parse byte arrays, not spans
            at += 12 + (int)length + 4;
        }
        at.Should().Be(file.Length, "records end exactly at the end of the file");
        return events;
    }

    [Fact]
    public void MaskedCrc_IsTensorFlowsCrc32C()
    {
        // The standard check value of CRC-32C: "123456789" gives 0xE3069283.
        BitwiseCrc.Compute("123456789"u8, BitwiseCrc.Castagnoli).Should().Be(0xE3069283);
        byte[] sample = Encoding.ASCII.GetBytes("brain.Event:2");
        TensorBoardWriter.MaskedCrc(sample).Should().Be(Masked(sample));
    }

    [Fact]
    public void Train_WithTensorBoard_WritesEveryStepsScalarsAndEveryEpochsGridThatReadBack()
    {
        using var output = TestData.CreateTemporaryDirectory();
        string board = Path.Combine(output.Path, "tensorboard");
        using TrainingResult result = TinyTraining.Builder(epochs: 2)
            .WithMetrics(1)
            .WithOutputDirectory(output.Path)
            .WithTensorBoard(board)
            .Train();

        string file = Directory.GetFiles(board, "events.out.tfevents.*").Should().ContainSingle().Subject;
        result.Files.Should().Contain(file);
        List<Event> events = ReadRecords(file);

        events[0].FileVersion.Should().Be("brain.Event:2");
        events[0].WallTime.Should().BeApproximately(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, 600);
        var scalars = events.Where(e => e.Summary?.Value.Any(v => v.Tag == "loss/discriminator") == true).ToList();
        scalars.Select(e => e.Step).Should().Equal(Enumerable.Range(1, 16).Select(i => (long)i), "8 steps an epoch, every step logged");
        foreach ((EpochSummary epoch, int index) in result.History.Select((e, i) => (e, i)))
        {
            // The mean of an epoch's logged step losses is the epoch's loss in the history.
            double mean = scalars.Skip(8 * index).Take(8).Average(e => e.Summary.Value.Single(v => v.Tag == "loss/discriminator").SimpleValue);
            mean.Should().BeApproximately(epoch.DiscriminatorLoss, 1e-5);
        }
        scalars[0].Summary.Value.Select(v => v.Tag).Should().BeEquivalentTo(
            "loss/discriminator", "loss/generator", "score/real", "score/fake", "accuracy/discriminator", "speed/images_per_second");

        var grids = events.Where(e => e.Summary?.Value.Any(v => v.Tag == "samples") == true).ToList();
        grids.Select(e => e.Step).Should().Equal(8L, 16L);
        for (int epoch = 1; epoch <= 2; epoch++)
        {
            Summary.Types.Image image = grids[epoch - 1].Summary.Value.Single().Image;
            byte[] png = image.EncodedImageString.ToByteArray();
            png.Should().Equal(File.ReadAllBytes(Path.Combine(output.Path, "samples", $"epoch_{epoch:D3}.png")), "the grid is the PNG the run writes");
            using Image decoded = Image.Load(png);
            (decoded.Width, decoded.Height).Should().Be((image.Width, image.Height));
            image.Colorspace.Should().Be(result.Generator.Shape.Channels);
        }
    }
}
