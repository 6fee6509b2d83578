using TorchSharp;

namespace Dcgan.Core.Tests;

internal static class ModelAssertions
{
    /// <summary>True when both modules have the same state-dict keys and bit-identical tensors.</summary>
    public static bool SameWeights(torch.nn.Module a, torch.nn.Module b)
    {
        var left = a.state_dict();
        var right = b.state_dict();
        if (!left.Keys.OrderBy(k => k).SequenceEqual(right.Keys.OrderBy(k => k)))
            return false;
        // Tensor.equal is element-wise in TorchSharp; eq(...).all() is the whole-tensor comparison.
        return left.All(pair => pair.Value.shape.SequenceEqual(right[pair.Key].shape) && pair.Value.eq(right[pair.Key]).all().item<bool>());
    }
}
