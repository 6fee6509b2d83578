using Dcgan.Mnist;
using Dcgan.Mnist.Datasets;

// In the builder's namespace on purpose: new DcganBuilder().WithMnist() needs no extra using.
namespace Dcgan;

/// <summary>Plugs MNIST into <see cref="DcganBuilder"/>.</summary>
public static class MnistDcganBuilderExtensions
{
    /// <summary>
    /// Trains on the 60,000 MNIST training images, found in <c>DCGAN_MNIST_DIR</c> or the per-user cache
    /// (downloaded with SHA-256 verification when missing).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static DcganBuilder WithMnist(this DcganBuilder builder) => builder.WithMnist(new MnistOptions());

    /// <summary>Trains on MNIST read from <paramref name="directory"/>; never downloads.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="directory">A directory holding the four MNIST files, gzipped or raw.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    public static DcganBuilder WithMnist(this DcganBuilder builder, string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return builder.WithMnist(new MnistOptions { Directory = directory });
    }

    /// <summary>
    /// Trains on the 60,000 Fashion-MNIST training images (ten kinds of clothing), found in <c>DCGAN_FASHION_MNIST_DIR</c>
    /// or the per-user cache (downloaded and checked when missing).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static DcganBuilder WithFashionMnist(this DcganBuilder builder) => builder.WithMnist(new MnistOptions { Dataset = IdxDatasetSpec.FashionMnist });

    /// <summary>Trains on Fashion-MNIST read from <paramref name="directory"/>; never downloads.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="directory">A directory holding the four Fashion-MNIST files, gzipped or raw.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    public static DcganBuilder WithFashionMnist(this DcganBuilder builder, string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return builder.WithMnist(new MnistOptions { Dataset = IdxDatasetSpec.FashionMnist, Directory = directory });
    }

    /// <summary>Trains on MNIST, or the MNIST-layout data set of <see cref="MnistOptions.Dataset"/>, configured by <paramref name="configure"/> (location, split, subsets).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Edits the options.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DcganBuilder WithMnist(this DcganBuilder builder, Action<MnistOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new MnistOptions();
        configure(options);
        return builder.WithMnist(options);
    }

    /// <summary>Trains on MNIST, or the MNIST-layout data set of <see cref="MnistOptions.Dataset"/>, as <paramref name="options"/> say.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">Location, split and subsets.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static DcganBuilder WithMnist(this DcganBuilder builder, MnistOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        return builder.WithDataSource(new MnistDataSource(options));
    }
}
