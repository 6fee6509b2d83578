using Dcgan.Mnist.Idx;

namespace Dcgan.Mnist.Datasets;

/// <summary>One file of an IDX data set: its canonical name and the SHA-256 of its IDX content.</summary>
/// <param name="Name">The canonical gzipped file name, such as <c>train-images-idx3-ubyte.gz</c>.</param>
/// <param name="ContentSha256">
/// Lower-case hex SHA-256 of the decompressed IDX bytes, which is what the reader consumes: the published
/// <c>.gz</c> file and a re-gzipped copy of the same content (Debian's packages) both pass. Null for a data set
/// whose content is not fixed (then only the IDX structure is checked).
/// </param>
public sealed record IdxFileSpec(string Name, string? ContentSha256)
{
    /// <summary>The name without <c>.gz</c>, as the files are often stored decompressed.</summary>
    public string RawName => Name.EndsWith(".gz", StringComparison.Ordinal) ? Name[..^3] : Name;

    /// <summary>Finds the file in <paramref name="directory"/>, gzipped or raw; null when absent.</summary>
    internal string? FindIn(string directory)
    {
        foreach (string candidate in new[] { Name, RawName })
        {
            string path = Path.Combine(directory, candidate);
            if (File.Exists(path))
                return path;
        }
        return null;
    }

    /// <summary>Throws unless <paramref name="array"/>'s IDX content has <see cref="ContentSha256"/> (when there is one).</summary>
    /// <exception cref="InvalidDataException">The content differs; the message names <paramref name="source"/> and both hashes.</exception>
    internal void Verify(IdxArray array, string source)
    {
        if (ContentSha256 is null)
            return;
        string actual = array.ContentSha256();
        if (!string.Equals(actual, ContentSha256, StringComparison.Ordinal))
            throw new InvalidDataException($"'{source}' is not the expected {Name}: SHA-256 mismatch of its IDX content: expected {ContentSha256}, got {actual}.");
    }
}
