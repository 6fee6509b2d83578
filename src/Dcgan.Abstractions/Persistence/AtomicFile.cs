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
    /// <exception cref="IOException">The disk is full or failing; the message names <paramref name="path"/>.</exception>
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
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException && !ex.Message.Contains(fullPath, StringComparison.Ordinal))
        {
            // A full or failing disk reports the temporary file; name the file the caller asked for.
            throw new IOException($"Could not write '{fullPath}' (it keeps its previous content, if any): {ex.Message}", ex);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the original error (if any) matters more than a stray temporary file.
        }
    }
}
