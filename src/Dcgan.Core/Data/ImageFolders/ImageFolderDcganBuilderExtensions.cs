using Dcgan.Data;

namespace Dcgan;

/// <summary>Trains on a folder of your own images: <c>new DcganBuilder().WithImageFolder("photos").Train()</c>.</summary>
public static class ImageFolderDcganBuilderExtensions
{
    /// <summary>Trains on the images in <paramref name="path"/> and its sub-folders (see <see cref="ImageFolderSource"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="path">The folder.</param>
    /// <param name="configure">Changes the defaults (RGB, white background, centre crop, unlabelled); null keeps them.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid; the message lists every problem.</exception>
    public static DcganBuilder WithImageFolder(this DcganBuilder builder, string path, Action<ImageFolderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ImageFolderOptions { Path = path };
        configure?.Invoke(options);
        return builder.WithDataSource(new ImageFolderSource(options));
    }
}
