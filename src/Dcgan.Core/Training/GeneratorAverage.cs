using TorchSharp;
using static TorchSharp.torch;
using Generator = Dcgan.Models.Generator;

namespace Dcgan.Training;

/// <summary>
/// An exponential moving average of the generator's weights (Yazıcı et al., 2019): after every generator
/// step, <c>average = decay * average + (1 - decay) * weights</c>; batch-norm statistics are copied. The
/// average does not feed back into training, so the raw trajectory is unchanged; it is what the sample
/// grids show and what the run saves, because it is smoother than the last step's weights.
/// </summary>
/// <remarks>
/// The decay warms up with the steps done, <c>min(decay, (1 + step) / (10 + step))</c> (TensorFlow's
/// <c>ExponentialMovingAverage</c> with <c>num_updates</c>): a fixed 0.999 would still hold about 83% of the random
/// initial weights after 188 steps, so a short run handed back noise. The ramp reaches 0.999 after 8,991 steps and
/// depends only on the step number, so a resumed run averages exactly as an uninterrupted one.
/// </remarks>
internal sealed class GeneratorAverage : IDisposable
{
    private readonly double decay;
    private readonly (Tensor Average, Tensor Live)[] parameters;
    private readonly (Tensor Average, Tensor Live)[] buffers;

    public GeneratorAverage(Generator live, double decay, Device device)
    {
        this.decay = decay;
        Model = new Generator(live.Shape, live.Architecture, seed: 0);
        Model.to(device);
        Model.load_state_dict(live.state_dict());
        Model.eval();
        foreach (Tensor p in Model.parameters())
            p.requires_grad = false;
        parameters = Model.parameters().Zip(live.parameters(), (a, l) => ((Tensor)a, (Tensor)l)).ToArray();
        buffers = Model.buffers().Zip(live.buffers(), (a, l) => (a, l)).ToArray();
    }

    /// <summary>The averaged generator (evaluation mode, no gradients).</summary>
    public Generator Model { get; }

    /// <summary>The decay applied after the given (1-based) step of the run.</summary>
    public static double DecayAt(double decay, long step) => Math.Min(decay, (1.0 + step) / (10.0 + step));

    /// <summary>Folds the live weights in after the run's given (1-based) step.</summary>
    public void Update(long step)
    {
        double decay = DecayAt(this.decay, step);
        using IDisposable noGrad = no_grad();
        foreach ((Tensor average, Tensor live) in parameters)
            average.mul_(decay).add_(live, alpha: 1 - decay);
        foreach ((Tensor average, Tensor live) in buffers)
            average.copy_(live);
    }

    /// <summary>Hands the averaged generator to the caller, who then owns it.</summary>
    public Generator Release()
    {
        released = true;
        return Model;
    }

    private bool released;

    public void Dispose()
    {
        if (!released)
            Model.Dispose();
    }
}
