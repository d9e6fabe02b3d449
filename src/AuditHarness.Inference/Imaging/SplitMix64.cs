namespace AuditHarness.Inference.Imaging;

/// <summary>
/// Vigna's SplitMix64 generator: a seeded sequence fixed by its published algorithm, so a placement drawn from
/// a seed is the same on every .NET version and platform (System.Random's seeded sequence is not a contract).
/// </summary>
public sealed class SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A value in [0, <paramref name="bound"/>), by the high half of a 64x64-bit product (Lemire), bias below 2^-32.</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        return (int)Math.BigMul(NextUInt64(), (ulong)bound, out _);
    }
}
