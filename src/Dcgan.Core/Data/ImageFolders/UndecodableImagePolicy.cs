namespace Dcgan.Data;

/// <summary>What <see cref="ImageFolderSource"/> does with a file that has an image extension but does not decode.</summary>
public enum UndecodableImagePolicy
{
    /// <summary>Leave it out and count it (<see cref="ImageFolderSource.SkippedFiles"/>); loading fails only when no image is left.</summary>
    Skip,

    /// <summary>Fail the load with an <see cref="InvalidDataException"/> naming the file.</summary>
    Stop,
}
