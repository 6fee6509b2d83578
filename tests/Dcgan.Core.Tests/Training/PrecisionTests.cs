using Dcgan.Training;

namespace Dcgan.Core.Tests.Training;

/// <summary>
/// The settings' checks. bfloat16 training itself is tested across processes by the CLI test <c>Train_InBFloat16_...</c>
/// (bit-identical in two processes, resume, float32 files).
/// </summary>
public sealed class PrecisionTests
{
    [Fact]
    public void Build_WithAnUnknownPrecision_NamesTheSettingAndValue()
    {
        Action build = () => TinyTraining.Builder(1).WithPrecision((TrainingPrecision)7).Build();

        build.Should().Throw<DcganValidationException>().Which.Errors.Should().ContainSingle()
            .Which.Should().Contain(nameof(RuntimeOptions.Precision)).And.Contain("was 7");
    }
}
