namespace Dcgan.Imaging;

/// <summary>
/// The one mapping between generator values in [-1, 1] and 8-bit pixels: <c>byte = round((x + 1) * 127.5)</c>
/// (halves to even) clamped to [0, 255], and <c>x = byte / 127.5 - 1</c>, so a byte survives a round trip unchanged.
/// Every image path (PNG, grid, raw pixels, every backend) goes through it, so one value gives one byte everywhere.
/// </summary>
public static class PixelBytes
{
    /// <summary>The 8-bit pixel of a value; values outside [-1, 1] are clamped, and NaN gives 0 (black).</summary>
    /// <param name="value">A value in the generator's pixel range.</param>
    /// <returns>The pixel, 0 = black.</returns>
    public static byte FromValue(float value)
    {
        float scaled = MathF.Round((value + 1f) * 127.5f, MidpointRounding.ToEven);
        return float.IsNaN(scaled) ? (byte)0 : (byte)Math.Clamp(scaled, 0f, 255f);
    }

    /// <summary>The value of an 8-bit pixel, in [-1, 1].</summary>
    /// <param name="pixel">The pixel, 0 = black.</param>
    /// <returns><c>pixel / 127.5 - 1</c>.</returns>
    public static float ToValue(byte pixel) => pixel / 127.5f - 1f;

    /// <summary>Maps every value (see <see cref="FromValue"/>).</summary>
    /// <param name="values">Values in [-1, 1].</param>
    /// <returns>One byte per value, in order.</returns>
    public static byte[] FromValues(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length];
        for (int i = 0; i < values.Length; i++)
            bytes[i] = FromValue(values[i]);
        return bytes;
    }
}
