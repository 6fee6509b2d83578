using System.Globalization;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace Dcgan.Models;

/// <summary>
/// A Keras-style summary of a network: each layer with its type, output shape and parameter count, then
/// the totals, the trainable count and the memory the weights take.
/// </summary>
/// <param name="Model">The network's name (<c>Generator</c> or <c>Discriminator</c>).</param>
/// <param name="Layers">The layers in execution order.</param>
/// <param name="TotalParameters">All parameters.</param>
/// <param name="TrainableParameters">Parameters that receive gradients.</param>
/// <param name="WeightBytes">Bytes of parameters and buffers (batch-norm statistics).</param>
public sealed record ModelSummary(string Model, IReadOnlyList<LayerSummary> Layers, long TotalParameters, long TrainableParameters, long WeightBytes)
{
    /// <summary>Summarises a generator by passing one noise vector (with its one-hot label, when conditional) through its layers.</summary>
    /// <param name="generator">The generator; its mode and statistics are left as they were.</param>
    /// <returns>The summary.</returns>
    public static ModelSummary Of(Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return Describe(nameof(Generator), generator, [1, generator.Shape.LatentSize + generator.Shape.ClassCount, 1, 1]);
    }

    /// <summary>Summarises a discriminator by passing one image (with its label channels, when conditional) through its layers.</summary>
    /// <param name="discriminator">The discriminator; its mode and statistics are left as they were.</param>
    /// <returns>The summary.</returns>
    public static ModelSummary Of(Discriminator discriminator)
    {
        ArgumentNullException.ThrowIfNull(discriminator);
        ImageShape shape = discriminator.Shape;
        return Describe(nameof(Discriminator), discriminator, [1, (shape.Channels + shape.ClassCount) * discriminator.Architecture.Packing, shape.ImageSize, shape.ImageSize]);
    }

    /// <summary>The summary as a fixed-width table.</summary>
    /// <returns>The table, one layer per line, totals last.</returns>
    public override string ToString()
    {
        const string format = "{0,-10} {1,-16} {2,-16} {3,12}";
        string rule = new('-', 57);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Model: {Model}");
        text.AppendLine(rule);
        text.AppendLine(string.Format(CultureInfo.InvariantCulture, format, "Layer", "Type", "Output shape", "Params"));
        text.AppendLine(rule);
        foreach (LayerSummary layer in Layers)
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, format, layer.Name, layer.Type, "(" + string.Join(", ", layer.OutputShape) + ")", layer.Parameters.ToString("N0", CultureInfo.InvariantCulture)));
        text.AppendLine(rule);
        text.AppendLine(CultureInfo.InvariantCulture, $"Total params: {TotalParameters:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Trainable params: {TrainableParameters:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Non-trainable params: {TotalParameters - TrainableParameters:N0}");
        text.Append(CultureInfo.InvariantCulture, $"Weight memory: {WeightBytes / 1024.0:N1} KiB");
        return text.ToString();
    }

    private static ModelSummary Describe(string name, nn.Module module, long[] inputShape)
    {
        var layers = new List<LayerSummary>();
        bool wasTraining = module.training;
        module.eval(); // batch norm must not update its running statistics here
        try
        {
            using var scope = NewDisposeScope();
            using IDisposable noGrad = no_grad();
            Device device = module.parameters().First().device;
            Tensor x = zeros(inputShape, device: device);
            foreach ((string layerName, nn.Module child) in module.named_modules())
            {
                if (child.children().Any() || child is not nn.Module<Tensor, Tensor> layer)
                    continue;
                x = layer.call(x);
                layers.Add(new LayerSummary(layerName, child.GetType().Name, x.shape[1..], child.parameters().Sum(p => p.numel())));
            }
        }
        finally
        {
            module.train(wasTraining);
        }
        long total = module.parameters().Sum(p => p.numel());
        long trainable = module.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        long bytes = module.parameters().Sum(p => p.numel() * p.ElementSize) + module.buffers().Sum(b => b.numel() * b.ElementSize);
        return new ModelSummary(name, layers, total, trainable, bytes);
    }
}
