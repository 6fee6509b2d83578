using System.Runtime.InteropServices;

namespace Dcgan.Training;

/// <summary>
/// glibc's malloc settings for a training process. libtorch allocates each step's activations and gradients (hundreds
/// of kilobytes to megabytes each) with malloc and frees them at the end of the step. With glibc's defaults, blocks above
/// a threshold that adapts as the process runs are mapped fresh from the kernel and unmapped when freed, and the top of
/// the heap is trimmed back to the kernel; the next step then faults every page in again. Measured on the 2-core
/// machines here, runs fell into that mode now and then (millions of minor page faults, half the images/s; see
/// <c>docs/performance.md</c>). Fixing both thresholds far above any block a step allocates keeps freed blocks in
/// the heap for the next step to reuse.
/// </summary>
internal static class NativeHeap
{
    /// <summary>Blocks up to this size come from the heap; larger ones are mapped. Above any block of a step.</summary>
    internal const int MmapThreshold = 256 << 20;

    /// <summary>Free memory at the top of the heap is returned to the kernel only above this.</summary>
    internal const int TrimThreshold = 1 << 30;

    // mallopt's parameter numbers, from glibc's malloc.h.
    private const int MallocTrimThreshold = -1;
    private const int MallocMmapThreshold = -3;

    private static int applied;

    /// <summary>
    /// Sets the thresholds once per process, on Linux with glibc; elsewhere, or when glibc refuses, leaves malloc alone.
    /// </summary>
    /// <returns>True when this call set them; false when they were already set, or cannot be set here.</returns>
    public static bool KeepFreedBlocks()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref applied, 1) == 1)
            return false;
        try
        {
            // Setting either threshold also stops glibc adapting the mmap threshold, so the mmap one is set first and
            // the trim one only when it took: a trim threshold alone would leave every block above 128 kB mapped.
            return Mallopt(MallocMmapThreshold, MmapThreshold) == 1 && Mallopt(MallocTrimThreshold, TrimThreshold) == 1;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc (musl, say): its allocator has no such thresholds
        }
    }

    // DllImport rather than LibraryImport: two ints need no marshalling code, and LibraryImport would make the
    // whole assembly allow unsafe code.
    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);
}
