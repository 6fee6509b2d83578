using ScottPlot;

namespace Dcgan.Plotting;

/// <summary>The one font the CLI's and the benchmarks' ScottPlot charts draw with (linked into both projects).</summary>
internal static class PlotFont
{
    // ScottPlot draws no text without a font file; DejaVu ships with Debian (fonts-dejavu-core).
    private const string FontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    private const string FontName = "DejaVu Sans";

    /// <summary>A new plot whose text uses DejaVu Sans where it is installed.</summary>
    public static Plot NewPlot()
    {
        if (File.Exists(FontFile))
            Fonts.AddFontFile(FontName, FontFile);
        var plot = new Plot();
        plot.Font.Set(FontName);
        return plot;
    }
}
