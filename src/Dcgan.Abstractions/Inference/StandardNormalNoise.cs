namespace Dcgan.Inference;

/// <summary>
/// The noise every Dcgan backend draws for a seed, so that one seed gives the same latent vectors (and so the same
/// images) from TorchSharp, ONNX Runtime, the browser and Python. Short enough to write again exactly in any language:
/// </summary>
/// <remarks>
/// <list type="number">
/// <item><description>Seeding: the seed's low and high 32 bits each drive a SplitMix32 sequence
/// (<c>s += 0x9E3779B9; z = s; z = (z ^ (z &gt;&gt; 16)) * 0x85EBCA6B; z = (z ^ (z &gt;&gt; 13)) * 0xC2B2AE35; z ^= z &gt;&gt; 16</c>,
/// all unsigned 32-bit); its first two outputs from the low half and then two from the high half are the four state
/// words of xoshiro128** (Blackman and Vigna, 2018).</description></item>
/// <item><description>Uniforms: each xoshiro128** output <c>x</c> (32 bits) gives <c>u = (x + 1) / 2^32</c> for the first of a pair, in
/// (0, 1], and <c>v = x / 2^32</c> for the second, in [0, 1), computed in double precision.</description></item>
/// <item><description>Normals: Box-Muller, <c>r = sqrt(-2 ln u)</c>, the pair <c>r cos(2 pi v)</c>, <c>r sin(2 pi v)</c>, in that order, rounded to
/// float32. An odd count drops the last sine.</description></item>
/// <item><description>Layout: <c>count * latentSize</c> values, row-major: vector 0 first.</description></item>
/// </list>
/// Implementations in JavaScript and numpy that follow these steps agree to within one float32 rounding.
/// </remarks>
public static class StandardNormalNoise
{
    /// <summary>The algorithm's name as model files and exported models record it.</summary>
    public const string Algorithm = "xoshiro128**/splitmix32/box-muller";

    /// <summary>Draws <paramref name="count"/> latent vectors of <paramref name="latentSize"/> standard-normal values from <paramref name="seed"/>.</summary>
    /// <param name="count">Vectors, at least 1.</param>
    /// <param name="latentSize">Values per vector, at least 1.</param>
    /// <param name="seed">Any value; the same seed always gives the same values.</param>
    /// <returns><c>count * latentSize</c> values, row-major.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, or the total exceeds an array's length.</exception>
    public static float[] Sample(int count, int latentSize, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(latentSize);
        long total = (long)count * latentSize;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(total, Array.MaxLength, nameof(count));
        var values = new float[total];
        var random = new Xoshiro128StarStar(seed);
        for (long i = 0; i < total; i += 2)
        {
            double u = (random.Next() + 1.0) / 4294967296.0;
            double v = random.Next() / 4294967296.0;
            double r = Math.Sqrt(-2.0 * Math.Log(u));
            values[i] = (float)(r * Math.Cos(2.0 * Math.PI * v));
            if (i + 1 < total)
                values[i + 1] = (float)(r * Math.Sin(2.0 * Math.PI * v));
        }
        return values;
    }

    /// <summary>xoshiro128** 1.1 with SplitMix32 seeding, as described on <see cref="StandardNormalNoise"/>.</summary>
    private struct Xoshiro128StarStar
    {
        private uint s0, s1, s2, s3;

        public Xoshiro128StarStar(long seed)
        {
            uint low = (uint)seed, high = (uint)((ulong)seed >> 32);
            s0 = SplitMix32(ref low);
            s1 = SplitMix32(ref low);
            s2 = SplitMix32(ref high);
            s3 = SplitMix32(ref high);
        }

        public uint Next()
        {
            uint result = uint.RotateLeft(s1 * 5, 7) * 9;
            uint t = s1 << 9;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = uint.RotateLeft(s3, 11);
            return result;
        }

        private static uint SplitMix32(ref uint state)
        {
            state += 0x9E3779B9;
            uint z = state;
            z = (z ^ (z >> 16)) * 0x85EBCA6B;
            z = (z ^ (z >> 13)) * 0xC2B2AE35;
            return z ^ (z >> 16);
        }
    }
}
