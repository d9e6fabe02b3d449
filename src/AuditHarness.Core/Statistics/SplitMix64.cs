namespace AuditHarness.Core.Statistics;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014; the
/// reference C code is Vigna's splitmix64.c). Used instead of <see cref="System.Random"/> because its output
/// sequence is fixed by the algorithm, not by a runtime version: an audit re-run years later, on another
/// platform, must reproduce the same bootstrap intervals from the same seed.
/// </summary>
/// <remarks>
/// Statistical quality is ample for resampling (it passes BigCrush); it is not a cryptographic generator.
/// </remarks>
public sealed class SplitMix64
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = _state += GoldenGamma;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="exclusiveBound"/>), without modulo bias, by Lemire's
    /// multiply-and-reject method ("Fast Random Integer Generation in an Interval", ACM TOMACS 29(1), 2019):
    /// the index is the high 64 bits of <c>x * bound</c>, and draws whose low 64 bits fall below
    /// <c>2^64 mod bound</c> are rejected and redrawn. Integer arithmetic only, so the result is the same
    /// everywhere.
    /// </summary>
    public int NextIndex(int exclusiveBound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveBound);
        ulong bound = (ulong)exclusiveBound;
        ulong high = Math.BigMul(NextUInt64(), bound, out ulong low);
        if (low < bound)
        {
            // 2^64 mod bound, computed in 64 bits as (2^64 - bound) mod bound.
            ulong threshold = (0UL - bound) % bound;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), bound, out low);
            }
        }

        return (int)high;
    }

    /// <summary>
    /// The sum of <c>values.Length</c> draws with replacement, <c>values[NextIndex(values.Length)]</c> added in draw
    /// order starting from 0: exactly the draws and the sum of that loop (and the generator ends in the same state),
    /// but with the state in a local and <c>2^64 mod n</c> worked out once, which a bootstrap of the mean repeats
    /// thousands of times.
    /// </summary>
    public double SumOfDraws(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return 0;
        }

        ulong bound = (ulong)values.Length;
        ulong threshold = (0UL - bound) % bound; // below bound, so NextIndex's "low < bound" pre-test never changes the outcome
        ulong state = _state;
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            ulong high, low;
            do
            {
                ulong z = state += GoldenGamma;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                high = Math.BigMul(z ^ (z >> 31), bound, out low);
            }
            while (low < threshold);

            sum += values[(int)high];
        }

        _state = state;
        return sum;
    }
}
