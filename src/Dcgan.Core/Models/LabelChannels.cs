using static TorchSharp.torch;

namespace Dcgan.Models;

/// <summary>
/// How a class-conditional network sees its labels: one-hot, as <c>ClassCount</c> constant channels beside its
/// input (1x1 beside the generator's noise, image-sized beside the discriminator's image).
/// </summary>
internal static class LabelChannels
{
    /// <summary>Appends the one-hot <paramref name="labels"/> to <paramref name="input"/> <c>[N, C, H, W]</c> as <paramref name="classes"/> more channels.</summary>
    public static Tensor Append(Tensor input, Tensor labels, int classes)
    {
        using var scope = NewDisposeScope();
        long count = input.shape[0], height = input.shape[2], width = input.shape[3];
        Tensor channels = nn.functional.one_hot(labels.to(input.device), classes).to_type(input.dtype)
            .view(count, classes, 1, 1).expand(count, classes, height, width);
        return cat([input, channels], 1).MoveToOuterDisposeScope();
    }
}
