using Dcgan.Persistence;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.PixelFormats;

namespace Dcgan.Imaging;

/// <summary>
/// Builds <c>progress.gif</c> from the epoch grids on disk (<c>samples/epoch_*.png</c>), one frame per grid in
/// epoch order, looping, the last frame held longer. Rebuilt from disk each time, so a resumed run keeps the
/// frames of the epochs before its checkpoint.
/// </summary>
internal static class ProgressGif
{
    private const int FrameDelay = 50;      // hundredths of a second
    private const int LastFrameDelay = 200;

    public static string? Write(string samplesDirectory, string path)
    {
        string[] grids = Directory.GetFiles(samplesDirectory, "epoch_*.png").Order(StringComparer.Ordinal).ToArray();
        if (grids.Length == 0)
            return null;

        using Image<Rgba32> gif = Image.Load<Rgba32>(grids[0]);
        gif.Metadata.GetGifMetadata().RepeatCount = 0;
        gif.Frames.RootFrame.Metadata.GetGifMetadata().FrameDelay = grids.Length == 1 ? LastFrameDelay : FrameDelay;
        for (int i = 1; i < grids.Length; i++)
        {
            using Image<Rgba32> grid = Image.Load<Rgba32>(grids[i]);
            if (grid.Width != gif.Width || grid.Height != gif.Height)
                continue; // a grid from a run with another layout; the animation keeps one size
            ImageFrame<Rgba32> frame = gif.Frames.AddFrame(grid.Frames.RootFrame);
            frame.Metadata.GetGifMetadata().FrameDelay = i == grids.Length - 1 ? LastFrameDelay : FrameDelay;
        }
        AtomicFile.Write(path, stream => gif.SaveAsGif(stream));
        return path;
    }
}
