namespace Dcgan.Evaluation;

/// <summary>What <see cref="NearestNeighbours.Find"/> found: for each query, the distance to its nearest reference and which one it is.</summary>
public sealed class NearestNeighbourMatches
{
    private readonly float[] sorted;

    internal NearestNeighbourMatches(float[] distances, int[] indices)
    {
        Distances = distances;
        Indices = indices;
        sorted = [.. distances.Order()];
    }

    /// <summary>The L2 distance from each query to its nearest reference.</summary>
    public IReadOnlyList<float> Distances { get; }

    /// <summary>The index in the reference set of each query's nearest reference.</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <summary>The distance below which the given share of the queries lie (linear interpolation between ranks).</summary>
    /// <param name="share">From 0 (the smallest distance) to 1 (the largest).</param>
    /// <returns>The quantile.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="share"/> is outside [0, 1].</exception>
    public double Quantile(double share)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(share, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1.0);
        double rank = share * (sorted.Length - 1);
        int low = (int)Math.Floor(rank);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
    }

    /// <summary>The queries in order of distance, closest first: the candidates for copies.</summary>
    /// <returns>Query indices.</returns>
    public IReadOnlyList<int> ClosestFirst() => [.. Enumerable.Range(0, Distances.Count).OrderBy(i => Distances[i]).ThenBy(i => i)];
}
