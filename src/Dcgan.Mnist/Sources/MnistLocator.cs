using Dcgan.Mnist.Datasets;

namespace Dcgan.Mnist.Sources;

/// <summary>Finds (and if allowed, downloads) the four files of a data set, following <see cref="MnistOptions"/>' order.</summary>
internal static class MnistLocator
{
    public static IReadOnlyDictionary<IdxFileSpec, string> Locate(MnistOptions options, CancellationToken cancellationToken)
    {
        IdxDatasetSpec dataset = options.Dataset;
        if (!string.IsNullOrEmpty(options.Directory))
            return FromUserDirectory(dataset, options.Directory, $"the directory passed to Dcgan ('{options.Directory}')");

        string? variable = Environment.GetEnvironmentVariable(dataset.DirectoryVariable);
        if (!string.IsNullOrEmpty(variable))
            return FromUserDirectory(dataset, variable, $"{dataset.DirectoryVariable} ('{variable}')");

        string cache = options.CacheDirectory ?? dataset.DefaultCacheDirectory;
        var paths = new Dictionary<IdxFileSpec, string>();
        List<IdxFileSpec> missing = [];
        foreach (IdxFileSpec file in dataset.Files)
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
                $"{dataset.Name} files {string.Join(", ", missing.Select(f => f.Name))} are not in the cache '{cache}' and downloading is disabled. " +
                $"Put the four files in a directory and pass it to Dcgan (MnistOptions.Directory) or set {dataset.DirectoryVariable}, or allow the download.");
        }

        using var client = new HttpClient();
        client.Timeout = Timeout.InfiniteTimeSpan; // each download has its own timeout
        var downloader = new MnistDownloader(client, dataset, options.Mirrors ?? dataset.Mirrors, options.DownloadTimeout);
        foreach (IdxFileSpec file in missing)
            paths[file] = downloader.Download(file, cache, cancellationToken);
        return paths;
    }

    private static Dictionary<IdxFileSpec, string> FromUserDirectory(IdxDatasetSpec dataset, string directory, string description)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"{dataset.Name} directory {description} does not exist. It must hold {string.Join(", ", dataset.Files.Select(f => f.Name))} (gzipped or raw).");
        var paths = new Dictionary<IdxFileSpec, string>();
        var missing = new List<string>();
        foreach (IdxFileSpec file in dataset.Files)
        {
            if (file.FindIn(directory) is string path)
                paths[file] = path;
            else
                missing.Add(file.Name);
        }
        if (missing.Count > 0)
            throw new FileNotFoundException($"{dataset.Name} directory {description} lacks {string.Join(", ", missing)} (looked for the gzipped and the raw names). A named directory is never filled by downloading; copy the files there or name another directory.");
        return paths;
    }
}
