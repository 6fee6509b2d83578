using static TorchSharp.torch;

namespace Dcgan.Training.Losses;

/// <summary>What a loss sees of one critic step.</summary>
/// <param name="Real">The real images.</param>
/// <param name="Fake">The generated images, detached from the generator.</param>
/// <param name="RealScores">The discriminator's scores of <paramref name="Real"/>.</param>
/// <param name="FakeScores">Its scores of <paramref name="Fake"/>.</param>
/// <param name="Score">Scores any images of the batch's shape as the real ones are scored (with their labels, when conditional).</param>
/// <param name="Random">The run's seeded stream, for losses that draw (the gradient penalty's interpolation).</param>
internal sealed record CriticBatch(Tensor Real, Tensor Fake, Tensor RealScores, Tensor FakeScores, Func<Tensor, Tensor> Score, TorchSharp.torch.Generator Random);
