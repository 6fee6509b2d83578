using Dcgan.Imaging;

namespace Dcgan.Core.Tests.Imaging;

public sealed class PixelBytesTests
{
    [Fact]
    public void EveryByte_SurvivesTheRoundTrip()
    {
        for (int b = 0; b <= 255; b++)
            PixelBytes.FromValue(PixelBytes.ToValue((byte)b)).Should().Be((byte)b);
    }

    [Theory]
    [InlineData(-1f, 0)]
    [InlineData(1f, 255)]
    [InlineData(-5f, 0)]
    [InlineData(7f, 255)]
    [InlineData(float.NaN, 0)]
    [InlineData(float.PositiveInfinity, 255)]
    [InlineData(0f, 128)] // 127.5 rounds half to even: 128
    [InlineData(-0.99215686f, 1)] // (x + 1) * 127.5 = 1.0000001 -> 1
    public void FromValue_ClampsRoundsHalfToEvenAndMapsNaNToBlack(float value, byte expected) =>
        PixelBytes.FromValue(value).Should().Be(expected);
}
