using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Dcgan.Tests.Fuzzing;

/// <summary>
/// Seeded mutations of valid files, the way coverage-less fuzzers make them: bit flips, interesting bytes, truncation,
/// splicing two files, deleted, repeated and inserted chunks, and numbers in the text part replaced by extreme ones.
/// Half of the positions fall in the file's structural part (<see cref="Mutator(IReadOnlyList{byte[]}, Func{byte[], int})"/>'s
/// <c>focus</c>), where a defect changes what the reader does rather than which weights it loads.
/// </summary>
public sealed class Mutator(IReadOnlyList<byte[]> seeds, Func<byte[], int> focus)
{
    private static readonly byte[] InterestingBytes = [0, 1, 0x7F, 0x80, 0xFF, (byte)'"', (byte)'{', (byte)'[', (byte)',', (byte)'9', (byte)'-', (byte)'\\'];
    private static readonly string[] ExtremeNumbers = ["0", "-1", "1", "2147483647", "2147483648", "4294967296", "9223372036854775807", "18446744073709551616", "1e308", "-9223372036854775808", "1.5"];

    /// <summary>The structural part of a safetensors file: its 8-byte length and JSON header.</summary>
    public static int SafetensorsHeader(byte[] file) =>
        file.Length < 8 ? file.Length : (int)Math.Min((ulong)file.Length, BinaryPrimitives.ReadUInt64LittleEndian(file) + 8);

    /// <summary>The first <paramref name="count"/> inputs: each a seed with one to three stacked mutations.</summary>
    public IEnumerable<byte[]> Inputs(int count, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            byte[] input = seeds[random.Next(seeds.Count)];
            int mutations = random.Next(1, 4);
            for (int m = 0; m < mutations; m++)
                input = Mutate(input, random);
            yield return input;
        }
    }

    private byte[] Mutate(byte[] input, Random random)
    {
        if (input.Length == 0)
            return [.. RandomBytes(random, random.Next(1, 64))];
        switch (random.Next(8))
        {
            case 0:
            {
                byte[] output = [.. input];
                for (int i = random.Next(1, 9); i > 0; i--)
                    output[Position(output, random)] ^= (byte)(1 << random.Next(8));
                return output;
            }
            case 1:
            {
                byte[] output = [.. input];
                for (int i = random.Next(1, 5); i > 0; i--)
                    output[Position(output, random)] = InterestingBytes[random.Next(InterestingBytes.Length)];
                return output;
            }
            case 2:
                return input[..random.Next(input.Length)];
            case 3:
            {
                byte[] other = seeds[random.Next(seeds.Count)];
                return [.. input.AsSpan(0, random.Next(input.Length + 1)), .. other.AsSpan(random.Next(other.Length + 1))];
            }
            case 4:
            {
                int at = Position(input, random);
                int length = Math.Min(input.Length - at, random.Next(1, 256));
                return [.. input.AsSpan(0, at), .. input.AsSpan(at + length)];
            }
            case 5:
            {
                int from = Position(input, random);
                int length = Math.Min(input.Length - from, random.Next(1, 256));
                int at = Position(input, random);
                return [.. input.AsSpan(0, at), .. input.AsSpan(from, length), .. input.AsSpan(at)];
            }
            case 6:
            {
                int at = Position(input, random);
                return [.. input.AsSpan(0, at), .. RandomBytes(random, random.Next(1, 64)), .. input.AsSpan(at)];
            }
            default:
                return ReplaceNumber(input, random);
        }
    }

    /// <summary>Replaces one run of ASCII digits in the structural part with an extreme number.</summary>
    private byte[] ReplaceNumber(byte[] input, Random random)
    {
        int end = Math.Clamp(focus(input), 0, input.Length);
        var runs = new List<(int Start, int Length)>();
        for (int i = 0; i < end; i++)
        {
            if (!char.IsAsciiDigit((char)input[i]))
                continue;
            int start = i;
            while (i < end && char.IsAsciiDigit((char)input[i]))
                i++;
            runs.Add((start, i - start));
        }
        if (runs.Count == 0)
            return input;
        (int at, int length) = runs[random.Next(runs.Count)];
        byte[] number = Encoding.ASCII.GetBytes(random.Next(4) == 0
            ? random.NextInt64().ToString(CultureInfo.InvariantCulture)
            : ExtremeNumbers[random.Next(ExtremeNumbers.Length)]);
        byte[] output = [.. input.AsSpan(0, at), .. number, .. input.AsSpan(at + length)];
        // A safetensors header's length prefix must follow the header's new length, or only the length check is tested.
        if (end == SafetensorsHeader(input) && input.Length >= 8)
            BinaryPrimitives.WriteUInt64LittleEndian(output, BinaryPrimitives.ReadUInt64LittleEndian(input) + (ulong)(number.Length - length));
        return output;
    }

    private int Position(byte[] input, Random random)
    {
        int structural = Math.Clamp(focus(input), 1, input.Length);
        return random.Next(2) == 0 ? random.Next(structural) : random.Next(input.Length);
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        byte[] bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
