using Dcgan.Evaluation;
using static TorchSharp.torch;

namespace Dcgan.Core.Tests.Evaluation;

public sealed class ClassPredictionScoresTests
{
    [Fact]
    public void SureAndEvenlyCoveringPredictions_ScoreTheClassCount()
    {
        using Tensor probabilities = eye(4).repeat(3, 1); // 12 images, 3 sure ones per class

        ClassPredictionScores.ClassifierScore(probabilities).Should().BeApproximately(4, 1e-9);
        ClassPredictionScores.MeanConfidence(probabilities).Should().Be(1);
        ClassPredictionScores.ClassShares(probabilities).Should().Equal(0.25, 0.25, 0.25, 0.25);
        ClassPredictionScores.DivergenceFromUniform(ClassPredictionScores.ClassShares(probabilities)).Should().BeApproximately(0, 1e-12);
    }

    [Fact]
    public void OneClassOnly_ScoresOne_AndDivergesByLnK()
    {
        using Tensor probabilities = zeros(8, 4);
        probabilities[.., 2] = tensor(1f);

        double[] shares = ClassPredictionScores.ClassShares(probabilities);

        ClassPredictionScores.ClassifierScore(probabilities).Should().BeApproximately(1, 1e-9);
        shares.Should().Equal(0, 0, 1, 0);
        ClassPredictionScores.DivergenceFromUniform(shares).Should().BeApproximately(Math.Log(4), 1e-12);
    }

    [Fact]
    public void UnsurePredictions_ScoreOne_WithConfidenceOneOverK()
    {
        using Tensor probabilities = full(6, 5, 0.2f);

        ClassPredictionScores.ClassifierScore(probabilities).Should().BeApproximately(1, 1e-6);
        ClassPredictionScores.MeanConfidence(probabilities).Should().BeApproximately(0.2, 1e-6);
    }

    [Fact]
    public void NotAProbabilityMatrix_IsRejectedNamingTheShape()
    {
        using Tensor vector = zeros(5);

        Action act = () => ClassPredictionScores.ClassifierScore(vector);

        act.Should().Throw<ArgumentException>().WithMessage("*[N, K]*[5]*");
    }
}
