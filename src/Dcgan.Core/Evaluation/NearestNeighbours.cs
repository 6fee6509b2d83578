using static TorchSharp.torch;

namespace Dcgan.Evaluation;

/// <summary>
/// The memorisation check GAN practitioners run: for each query image, the nearest image of a reference set by pixel
/// L2 distance. Generated samples whose nearest training image is much closer than real images are to each other are
/// copies, not new images.
/// </summary>
public static class NearestNeighbours
{
    // Rows of the distance table computed at once: bounds memory at Chunk x reference-count floats.
    private const int Chunk = 256;

    /// <summary>
    /// For each of <paramref name="queries"/>, the nearest of <paramref name="references"/> and its L2 distance over all
    /// pixels (in the images' own units, [-1, 1] for Dcgan's tensors).
    /// </summary>
    /// <param name="queries">Images <c>[N, C, H, W]</c>.</param>
    /// <param name="references">Images <c>[M, C, H, W]</c> of the same channels and size, M at least 1 (at least 2 with <paramref name="excludeSelf"/>).</param>
    /// <param name="excludeSelf">
    /// True when <paramref name="queries"/> are the first N of <paramref name="references"/>: query i then ignores reference i,
    /// which gives the distances between real images that generated ones are compared with.
    /// </param>
    /// <returns>The matches, one per query, in query order.</returns>
    /// <exception cref="ArgumentException">The shapes do not match as described.</exception>
    public static NearestNeighbourMatches Find(Tensor queries, Tensor references, bool excludeSelf = false)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(references);
        if (queries.dim() != 4 || references.dim() != 4 || !queries.shape.Skip(1).SequenceEqual(references.shape.Skip(1)))
            throw new ArgumentException($"Expected images [N, C, H, W] and [M, C, H, W] of the same C, H, W, but got [{string.Join(", ", queries.shape)}] and [{string.Join(", ", references.shape)}].", nameof(references));
        long count = queries.shape[0];
        long referenceCount = references.shape[0];
        if (referenceCount < (excludeSelf ? 2 : 1) || (excludeSelf && count > referenceCount))
            throw new ArgumentException($"Expected at least {(excludeSelf ? "2 references and no more queries than references" : "1 reference")} but got {count} queries and {referenceCount} references.", nameof(references));

        var distances = new float[count];
        var indices = new int[count];
        using (var outer = NewDisposeScope())
        using (no_grad())
        {
            // float64 for |a|^2 + |b|^2 - 2ab: in float32 the cancellation loses the small distances that matter here.
            Tensor flatReferences = references.flatten(1).to_type(ScalarType.Float64);
            Tensor referenceNorms = flatReferences.square().sum(1);
            for (long start = 0; start < count; start += Chunk)
            {
                using var scope = NewDisposeScope();
                long length = Math.Min(Chunk, count - start);
                Tensor block = queries.narrow(0, start, length).flatten(1).to_type(ScalarType.Float64);
                Tensor squared = block.square().sum(1, keepdim: true) + referenceNorms.unsqueeze(0) - 2 * block.matmul(flatReferences.t());
                if (excludeSelf)
                {
                    Tensor rows = arange(length, ScalarType.Int64);
                    squared.index_put_(tensor(double.PositiveInfinity), rows, rows + start);
                }
                (Tensor best, Tensor where) = squared.min(1);
                float[] blockDistances = best.clamp_min(0).sqrt().to_type(ScalarType.Float32).data<float>().ToArray();
                long[] blockIndices = where.data<long>().ToArray();
                for (int i = 0; i < length; i++)
                {
                    distances[start + i] = blockDistances[i];
                    indices[start + i] = (int)blockIndices[i];
                }
            }
        }
        return new NearestNeighbourMatches(distances, indices);
    }
}
