namespace Dcgan.Mnist.Sources;

/// <summary>Finds (and if allowed, downloads) the four MNIST files, following <see cref="MnistOptions"/>' order.</summary>
internal static class MnistLocator
{
    public static IReadOnlyDictionary<MnistFile, string> Locate(MnistOptions options, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.Directory))
            return FromUserDirectory(options.Directory, $"the directory passed to Dcgan ('{options.Directory}')");

        string? variable = Environment.GetEnvironmentVariable(MnistOptions.DirectoryVariable);
        if (!string.IsNullOrEmpty(variable))
            return FromUserDirectory(variable, $"{MnistOptions.DirectoryVariable} ('{variable}')");

        string cache = options.CacheDirectory ?? MnistOptions.DefaultCacheDirectory;
        var paths = new Dictionary<MnistFile, string>();
        List<MnistFile> missing = [];
        foreach (MnistFile file in MnistFile.All)
        {
            if (file.FindIn(cache) is string path)
                paths[file] = path;
            else
                missing.Add(file);
        }
        if (missing.Count == 0)
            return paths;

        if (!options.AllowDownload)
        {
            throw new FileNotFoundException(
                $"MNIST files {string.Join(", ", missing.Select(f => f.Name))} are not in the cache '{cache}' and downloading is disabled. " +
                $"Put the four files in a directory and pass it to WithMnist(directory) or set {MnistOptions.DirectoryVariable}, or allow the download.");
        }

        using var client = new HttpClient();
        client.Timeout = Timeout.InfiniteTimeSpan; // each download has its own timeout
        var downloader = new MnistDownloader(client, options.Mirrors, options.DownloadTimeout);
        foreach (MnistFile file in missing)
            paths[file] = downloader.Download(file, cache, cancellationToken);
        return paths;
    }

    private static Dictionary<MnistFile, string> FromUserDirectory(string directory, string description)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"MNIST directory {description} does not exist. It must hold {string.Join(", ", MnistFile.All.Select(f => f.Name))} (gzipped or raw).");
        var paths = new Dictionary<MnistFile, string>();
        var missing = new List<string>();
        foreach (MnistFile file in MnistFile.All)
        {
            if (file.FindIn(directory) is string path)
                paths[file] = path;
            else
                missing.Add(file.Name);
        }
        if (missing.Count > 0)
            throw new FileNotFoundException($"MNIST directory {description} lacks {string.Join(", ", missing)} (looked for the gzipped and the raw names). A named directory is never filled by downloading; copy the files there or name another directory.");
        return paths;
    }
}
