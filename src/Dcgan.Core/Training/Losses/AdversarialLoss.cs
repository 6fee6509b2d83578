using System.Reflection;
using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace Dcgan.Training.Losses;

/// <summary>
/// The adversarial objective of a run: what the discriminator (or critic) minimises, what the generator minimises,
/// how many critic steps come before each generator step, and how its scores read. Chosen with
/// <see cref="DcganBuilder.WithLoss"/> and recorded in checkpoints, so a resumed run keeps it.
/// </summary>
/// <remarks>
/// <para>Each loss is a record in this folder, named once by the <see cref="JsonDerivedTypeAttribute"/> below: that
/// name is what checkpoints store, what <see cref="FromName"/> and the CLI's <c>--loss</c> accept, and what
/// <see cref="Name"/> returns. Adding a loss is one new file here and one attribute line.</para>
/// <para>The loss's own settings (label smoothing, the gradient-penalty weight) live on its record, so they are
/// validated, saved and restored with it.</para>
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "name", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(NonSaturatingLoss), "non-saturating")]
[JsonDerivedType(typeof(HingeLoss), "hinge")]
[JsonDerivedType(typeof(WassersteinGradientPenaltyLoss), "wgan-gp")]
public abstract record AdversarialLoss
{
    private static readonly IReadOnlyDictionary<Type, string> NamesByType = typeof(AdversarialLoss)
        .GetCustomAttributes<JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    // Only the losses of this folder: the contract's members are internal, so checkpoints can always name the loss.
    private protected AdversarialLoss()
    {
    }

    /// <summary>The names of every loss, as <see cref="FromName"/> accepts them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. NamesByType.Values];

    /// <summary>This loss's name (for example <c>hinge</c>), as checkpoints and the CLI write it.</summary>
    [JsonIgnore]
    public string Name => NamesByType[GetType()];

    /// <summary>How many critic (discriminator) steps, each on its own real batch, come before one generator step.</summary>
    [JsonIgnore]
    public virtual int CriticStepsPerGeneratorStep => 1;

    /// <summary>
    /// Whether the discriminator may use batch norm. A gradient penalty is taken per image, and batch norm makes
    /// each image's score depend on the others, so WGAN-GP's critic has none (Gulrajani et al., 2017).
    /// </summary>
    [JsonIgnore]
    public virtual bool AllowsBatchNorm => true;

    /// <summary>
    /// Whether the sigmoid of a score is the discriminator's probability that the image is real. When it is, the
    /// reported D(x) and D(G(z)) are mean probabilities; otherwise they are mean raw scores.
    /// </summary>
    [JsonIgnore]
    public virtual bool ScoresAreProbabilities => false;

    /// <summary>An epoch whose mean discriminator loss is below this has a discriminator that wins outright; null where the loss has no such floor.</summary>
    [JsonIgnore]
    public virtual double? DiscriminatorWinsBelow => null;

    /// <summary>An epoch whose mean generator loss is above this has exploded; null where the loss has no such scale.</summary>
    [JsonIgnore]
    public virtual double? GeneratorExplodesAbove => null;

    /// <summary>The loss with default settings of the given name.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <returns>The loss.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> names no loss.</exception>
    public static AdversarialLoss FromName(string name)
    {
        Type? type = NamesByType.FirstOrDefault(p => p.Value == name).Key;
        return type is null
            ? throw new ArgumentException($"Unknown loss '{name}'; valid losses are {string.Join(", ", Names)}.", nameof(name))
            : (AdversarialLoss)Activator.CreateInstance(type)!;
    }

    /// <summary>Lists every problem with this loss's settings; empty when valid.</summary>
    /// <returns>One message per invalid setting, naming it, its value and what was expected.</returns>
    public virtual IReadOnlyList<string> Validate() => [];

    /// <summary>The discriminator's loss for one batch, to minimise.</summary>
    internal abstract Tensor DiscriminatorLoss(CriticBatch batch);

    /// <summary>The generator's loss from the discriminator's scores of its (non-detached) images, to minimise.</summary>
    internal abstract Tensor GeneratorLoss(Tensor fakeScores);

    /// <summary>The reported mean score of a batch: a probability where <see cref="ScoresAreProbabilities"/>, else the raw mean.</summary>
    internal Tensor MeanScore(Tensor scores) => ScoresAreProbabilities ? scores.sigmoid().mean() : scores.mean();

    /// <summary>The fraction of real scores above, and fake scores below, the loss's <see cref="DecisionBoundary"/>.</summary>
    internal Tensor Accuracy(Tensor realScores, Tensor fakeScores)
    {
        Tensor boundary = DecisionBoundary(realScores, fakeScores);
        return realScores.gt(boundary).sum().add(fakeScores.lt(boundary).sum()).to_type(ScalarType.Float32).div(2.0 * realScores.shape[0]);
    }

    /// <summary>The score that separates "real" from "fake": 0 (the sign of a logit or a hinge score) unless the loss says otherwise.</summary>
    private protected virtual Tensor DecisionBoundary(Tensor realScores, Tensor fakeScores) => zeros([], realScores.dtype, realScores.device);
}
