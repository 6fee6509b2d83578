namespace Dcgan.Tests;

/// <summary>
/// CRC-32 computed bit by bit, the slow textbook way, as an independent reference for the table-driven checksums of the
/// formats under test: PNG's (reflected polynomial 0xEDB88320) and TensorBoard's CRC-32C (0x82F63B78).
/// </summary>
public static class BitwiseCrc
{
    public const uint Png = 0xEDB88320;

    public const uint Castagnoli = 0x82F63B78;

    public static uint Compute(ReadOnlySpan<byte> bytes, uint reflectedPolynomial)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ reflectedPolynomial : crc >> 1;
        }
        return ~crc;
    }
}
