using TorchSharp;
using static TorchSharp.torch;

namespace Dcgan.Training;

/// <summary>
/// A lower-precision working copy of a network for <see cref="TrainingPrecision.BFloat16"/>: forward and backward run on
/// it, its gradients go to the float32 master network for the optimizer's step, the updated weights come back, and its
/// batch-norm statistics go to the master after each step.
/// </summary>
/// <remarks>
/// TorchSharp has no autocast, so the casts are written out; keeping float32 masters is what keeps Adam's small updates
/// (and the weight average's thousandths) from rounding away in bfloat16's 8-bit mantissa.
/// </remarks>
internal sealed class WorkingCopy : IDisposable
{
    private readonly (Tensor Master, Tensor Working)[] parameters;
    private readonly (Tensor Master, Tensor Working)[] buffers;

    /// <summary>Wraps <paramref name="working"/>, a network of <paramref name="master"/>'s architecture, which it casts to <paramref name="type"/> and takes ownership of.</summary>
    public WorkingCopy(nn.Module master, nn.Module working, ScalarType type, Device device)
    {
        Module = working;
        Type = type;
        working.to(device).to(type);
        parameters = master.parameters().Zip(working.parameters(), (m, w) => ((Tensor)m, (Tensor)w)).ToArray();
        buffers = master.buffers().Zip(working.buffers(), (m, w) => (m, w)).ToArray();
        using IDisposable noGrad = no_grad();
        foreach ((Tensor m, Tensor w) in buffers)
            w.copy_(m);
        PullWeights();
    }

    /// <summary>The working network, whose type is the precision's.</summary>
    public nn.Module Module { get; }

    /// <summary>The working network's type, which its inputs must have too.</summary>
    public ScalarType Type { get; }

    /// <summary>Copies the master's weights into the working copy (after the optimizer's step).</summary>
    public void PullWeights()
    {
        using IDisposable noGrad = no_grad();
        foreach ((Tensor m, Tensor w) in parameters)
            w.copy_(m);
    }

    /// <summary>Clears the working copy's gradients before a backward pass.</summary>
    public void ZeroGradients() => Module.zero_grad();

    /// <summary>Gives the master the working copy's gradients, in the master's type, for the optimizer's step.</summary>
    public void PushGradients()
    {
        using IDisposable noGrad = no_grad();
        foreach ((Tensor m, Tensor w) in parameters)
        {
            using Tensor? gradient = w.grad;
            if (gradient is null)
                continue;
            using Tensor? existing = m.grad;
            if (existing is null)
                m.grad = gradient.to(m.dtype);
            else
                existing.copy_(gradient);
        }
    }

    /// <summary>Copies the batch-norm statistics the working copy's forward passes updated to the master.</summary>
    public void PushBuffers()
    {
        using IDisposable noGrad = no_grad();
        foreach ((Tensor m, Tensor w) in buffers)
            m.copy_(w);
    }

    public void Dispose() => Module.Dispose();
}
