using Dcgan.Training;

namespace Dcgan.Core.Tests.Training;

/// <summary>
/// The settings' checks. bfloat16 training itself is tested in processes of its own (the CLI tests'
/// <c>Train_InBFloat16_...</c>): this suite's test host crashed twice on a Zen 5 machine (a segfault in memmove on a test
/// thread) while bfloat16 training ran beside other tests' training; the cause is not established, a process of its own avoids it.
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
