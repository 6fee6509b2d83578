using System.Buffers.Binary;
using System.Globalization;
using Google.Protobuf;
using Tensorboard;

namespace Dcgan.Training;

/// <summary>
/// Writes a TensorBoard event file (<c>events.out.tfevents.*</c>): the scalars of every logged step and the sample grid of
/// every epoch, so <c>tensorboard --logdir DIR</c> shows a run as it shows a PyTorch one.
/// </summary>
/// <remarks>
/// The <c>Event</c> and <c>Summary</c> messages are TorchSharp's (generated from TensorFlow's protos) and the checksum is its
/// CRC-32C; the framing is TensorFlow's record format: the data's length (u64, little-endian), the masked CRC-32C of those
/// 8 bytes, the data, the masked CRC-32C of the data. TorchSharp's own <c>SummaryWriter</c> is not used: it reopens the
/// file for every event, records wall time in whole seconds, and encodes images with SkiaSharp, whose native library
/// Dcgan does not ship. Each session writes its own file; TensorBoard reads every file of the directory in step order,
/// so a resumed run continues its curves.
/// </remarks>
internal sealed class TensorBoardWriter : IDisposable
{
    private readonly FileStream stream;
    private readonly TimeProvider time;

    public TensorBoardWriter(string directory, TimeProvider time)
    {
        this.time = time;
        Directory.CreateDirectory(directory);
        Path = System.IO.Path.Combine(directory, string.Create(CultureInfo.InvariantCulture,
            $"events.out.tfevents.{time.GetUtcNow().ToUnixTimeSeconds()}.{Environment.MachineName}.{Environment.ProcessId}.{Guid.NewGuid():N}"));
        stream = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        Write(new Event { WallTime = WallTime, FileVersion = "brain.Event:2" });
    }

    /// <summary>The event file.</summary>
    public string Path { get; }

    private double WallTime => time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>One event holding <paramref name="values"/> at <paramref name="step"/>.</summary>
    public void Scalars(long step, IEnumerable<(string Tag, double Value)> values)
    {
        var summary = new Summary();
        foreach ((string tag, double value) in values)
            summary.Value.Add(new Summary.Types.Value { Tag = tag, SimpleValue = (float)value });
        Write(new Event { WallTime = WallTime, Step = step, Summary = summary });
    }

    /// <summary>An image event: <paramref name="png"/>, a PNG of <paramref name="width"/> x <paramref name="height"/> pixels and <paramref name="channels"/> channels.</summary>
    public void Image(long step, string tag, byte[] png, int width, int height, int channels)
    {
        var image = new Summary.Types.Image { Width = width, Height = height, Colorspace = channels, EncodedImageString = ByteString.CopyFrom(png) };
        var summary = new Summary();
        summary.Value.Add(new Summary.Types.Value { Tag = tag, Image = image });
        Write(new Event { WallTime = WallTime, Step = step, Summary = summary });
    }

    /// <summary>TensorFlow's masked CRC-32C: the checksum rotated right by 15 bits plus a constant, so that a CRC of data holding CRCs stays informative.</summary>
    internal static uint MaskedCrc(byte[] bytes)
    {
        uint crc = TorchSharp.Utils.CRC32C.process(bytes);
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8U;
    }

    private void Write(Event message)
    {
        byte[] data = message.ToByteArray();
        byte[] length = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)data.Length);
        Span<byte> crc = stackalloc byte[4];
        stream.Write(length);
        BinaryPrimitives.WriteUInt32LittleEndian(crc, MaskedCrc(length));
        stream.Write(crc);
        stream.Write(data);
        BinaryPrimitives.WriteUInt32LittleEndian(crc, MaskedCrc(data));
        stream.Write(crc);
        // Flushed per event: TensorBoard reads the file while training runs, and a crash keeps what was written.
        stream.Flush();
    }

    public void Dispose() => stream.Dispose();
}
