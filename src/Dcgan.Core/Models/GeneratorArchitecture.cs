namespace Dcgan.Models;

/// <summary>The generator's own part of a <see cref="DcganArchitecture"/>: what it needs beyond the <see cref="ImageShape"/>.</summary>
public sealed record GeneratorArchitecture
{
    /// <summary>Width of the generator's last hidden layer; each earlier layer doubles it.</summary>
    /// <value>Default 64 (the PyTorch DCGAN example's <c>ngf</c>).</value>
    public int FeatureMaps { get; init; } = 64;

    /// <summary>Lists every problem with this part; empty when it is valid.</summary>
    /// <returns>One message per invalid property, naming it, its value and what was expected.</returns>
    public IReadOnlyList<string> Validate() =>
        FeatureMaps > 0 ? [] : [$"Generator.{nameof(FeatureMaps)} must be positive, but was {FeatureMaps}."];
}
