namespace Dcgan.Mnist.Idx;

/// <summary>An unsigned-byte array read from an IDX file: its dimensions and its values, row-major.</summary>
/// <param name="Dimensions">The sizes, outermost first (for MNIST images: count, rows, columns).</param>
/// <param name="Data">The values; its length is the product of <paramref name="Dimensions"/>.</param>
public sealed record IdxArray(IReadOnlyList<int> Dimensions, byte[] Data)
{
    /// <summary>The size of the outermost dimension (the number of items).</summary>
    public int Count => Dimensions[0];
}
