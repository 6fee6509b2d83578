using System.Runtime.InteropServices;
using Dcgan.Training;

namespace Dcgan.Core.Tests.Training;

public sealed class NativeHeapTests
{
    [Fact]
    public void Train_OnLinuxWithGlibc_ServesLargeBlocksFromTheHeapInsteadOfFreshMappings()
    {
        if (!OperatingSystem.IsLinux())
            return; // glibc only; the library leaves other allocators alone

        using (TinyTraining.Builder(1).Train())
        {
        }

        // glibc's adaptive threshold never goes above 32 MB, so without the setting a 40 MB block is always a fresh
        // mapping (one more mmapped block in mallinfo2); with it, the block comes from the heap.
        long mappedBefore = (long)MallInfo2().MappedBlocks;
        IntPtr block = Marshal.AllocHGlobal(40 << 20); // malloc on Unix
        try
        {
            ((long)MallInfo2().MappedBlocks).Should().Be(mappedBefore, "Train fixed malloc's mmap threshold above 40 MB");
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    }

    [Fact]
    public void KeepFreedBlocks_SetsTheThresholdsOncePerProcess()
    {
        if (!OperatingSystem.IsLinux())
            return;

        using (TinyTraining.Builder(1).Train())
        {
        }

        NativeHeap.KeepFreedBlocks().Should().BeFalse("the first Train of the process already set them");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MallocInfo
    {
        public nuint Arena, OrdinaryBlocks, SmallBlocks, MappedBlocks, MappedBytes, MaxTotal, SmallFreeBytes, Allocated, Free, Releasable;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallocInfo MallInfo2();
}
