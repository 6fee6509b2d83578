using System.Reflection;
using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Dcgan.Models.DiscriminatorPieces;

/// <summary>
/// A layer the discriminator inserts after its strided convolutions and before the convolution that gives the logit,
/// appending feature maps that describe the whole batch (how varied it is, how alike its images are). A
/// <see cref="DiscriminatorArchitecture"/> lists its pieces in order; each sees the feature maps the previous one made.
/// </summary>
/// <remarks>
/// <para>Each piece is a record in this folder, named once by the <see cref="JsonDerivedTypeAttribute"/> below: that name
/// is what discriminator files and checkpoints store and what <see cref="Name"/> returns. Adding a piece is one new file
/// here (its record and its layer) and one attribute line.</para>
/// <para>A piece's settings live on its record, so they are validated, saved and restored with it.</para>
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "name", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(MinibatchStdDevPiece), "minibatch-stddev")]
[JsonDerivedType(typeof(MinibatchDiscriminationPiece), "minibatch-discrimination")]
public abstract record DiscriminatorPiece
{
    private static readonly IReadOnlyDictionary<Type, string> NamesByType = typeof(DiscriminatorPiece)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    // Only the pieces of this folder: the layer factory is internal, so files can always name the piece.
    private protected DiscriminatorPiece()
    {
    }

    /// <summary>This piece's name (for example <c>minibatch-stddev</c>), as files store it.</summary>
    [JsonIgnore]
    public string Name => NamesByType[GetType()];

    /// <summary>Lists every problem with this piece's settings; empty when valid.</summary>
    /// <returns>One message per invalid setting, naming it, its value and what was expected.</returns>
    public virtual IReadOnlyList<string> Validate() => [];

    /// <summary>How many feature maps the piece appends.</summary>
    internal abstract int AddedChannels { get; }

    /// <summary>Creates the layer for feature maps <c>[N, channels, mapSize, mapSize]</c>.</summary>
    /// <param name="channels">Feature maps coming in.</param>
    /// <param name="mapSize">Their side.</param>
    /// <param name="seed">The discriminator's seed; a piece with weights derives its own stream from it.</param>
    /// <param name="device">Where its weights live; null for the CPU. On the meta device a piece allocates and draws nothing.</param>
    internal abstract nn.Module<Tensor, Tensor> CreateLayer(int channels, int mapSize, long seed, Device? device);
}
