namespace Dcgan.Persistence;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one: the data goes to a
/// temporary file in the same folder (same file system, so the rename is atomic) and is renamed into place.
/// A crash mid-write leaves at most a stray <c>*.tmp</c> file, never a half-written model or picture. Every file
/// Dcgan and its satellites write goes through it.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Creates or replaces <paramref name="path"/> with what <paramref name="write"/> writes. When
    /// <paramref name="write"/> throws, the temporary file is deleted and <paramref name="path"/> keeps its old content.
    /// </summary>
    /// <param name="path">The file; its directory is created if missing.</param>
    /// <param name="write">Writes the whole content to the stream it is given (the temporary file).</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
