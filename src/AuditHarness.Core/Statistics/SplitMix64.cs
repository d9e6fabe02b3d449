using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    /// <summary>
    /// <c>sums[b] = SumOfDraws(values)</c> for b = 0, 1, ...: the same draws, sums and final state, computed eight
    /// resamples at a time where AVX-512 allows it.
    /// </summary>
    /// <remarks>
    /// The generator is a counter (the k-th draw mixes <c>seed + k * gamma</c>), so while no draw is rejected,
    /// resample b starts exactly <c>b * n</c> draws after the first and eight of them can run side by side, one per
    /// vector lane, each adding its values in its own draw order (the same IEEE additions as one after another). A
    /// rejection (probability below n / 2^64 per draw) shifts every later resample, so a block that meets one is
    /// dropped and the rest is drawn one by one from that block's start.
    /// </remarks>
    public void SumsOfDraws(ReadOnlySpan<double> values, Span<double> sums)
    {
        int done = 0;
        if (Avx512F.IsSupported && Avx512DQ.IsSupported && !values.IsEmpty)
        {
            done = SumsOfDrawsInLanes(values, sums);
        }

        for (int b = done; b < sums.Length; b++)
        {
            sums[b] = SumOfDraws(values);
        }
    }

    /// <summary>
    /// As <see cref="SumsOfDraws"/> with two arrays drawn together: resample b draws indexes c as <see cref="SumsOfDraws"/>
    /// does (one per item of <paramref name="first"/>) and adds <c>first[c]</c> to <c>firstSums[b]</c> and <c>second[c]</c> to
    /// <c>secondSums[b]</c>, in draw order: the draws and sums of a ratio's cluster bootstrap, eight resamples at a time
    /// where AVX-512 allows it.
    /// </summary>
    public void SumsOfPairedDraws(ReadOnlySpan<double> first, ReadOnlySpan<double> second, Span<double> firstSums, Span<double> secondSums)
    {
        if (second.Length != first.Length || secondSums.Length != firstSums.Length)
        {
            throw new ArgumentException($"paired draws need arrays of one length and sums of one length; got {first.Length} and {second.Length} values, {firstSums.Length} and {secondSums.Length} sums.", nameof(second));
        }

        int done = 0;
        if (Avx512F.IsSupported && Avx512DQ.IsSupported && !first.IsEmpty)
        {
            done = PairedSumsInLanes(first, second, firstSums, secondSums);
        }

        for (int b = done; b < firstSums.Length; b++)
        {
            (firstSums[b], secondSums[b]) = PairedSumOfDraws(first, second);
        }
    }

    /// <summary>One resample of <see cref="SumsOfPairedDraws"/>: exactly the draws of <see cref="SumOfDraws"/>.</summary>
    private (double First, double Second) PairedSumOfDraws(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        if (first.IsEmpty)
        {
            return (0, 0);
        }

        ulong bound = (ulong)first.Length;
        ulong threshold = (0UL - bound) % bound;
        ulong state = _state;
        double sumFirst = 0, sumSecond = 0;
        for (int i = 0; i < first.Length; i++)
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

            sumFirst += first[(int)high];
            sumSecond += second[(int)high];
        }

        _state = state;
        return (sumFirst, sumSecond);
    }

    /// <summary>Whole blocks of eight resamples of <see cref="SumsOfPairedDraws"/>, as <see cref="SumsOfDrawsInLanes"/> does them.</summary>
    private int PairedSumsInLanes(ReadOnlySpan<double> first, ReadOnlySpan<double> second, Span<double> firstSums, Span<double> secondSums)
    {
        const int lanes = 8;
        ulong bound = (ulong)first.Length;
        ulong threshold = (0UL - bound) % bound;
        ulong resampleStride = unchecked(bound * GoldenGamma);
        Vector512<ulong> laneStart = Vector512.Create(0UL, 1UL, 2UL, 3UL, 4UL, 5UL, 6UL, 7UL) * resampleStride;
        Vector512<ulong> gamma = Vector512.Create(GoldenGamma);
        Vector512<uint> bounds = Vector512.Create(bound).AsUInt32();
        Vector512<ulong> thresholds = Vector512.Create(threshold);
        Span<ulong> index = stackalloc ulong[lanes];
        int b = 0;
        for (; b + lanes <= firstSums.Length; b += lanes)
        {
            Vector512<ulong> state = Vector512.Create(_state) + laneStart;
            Vector512<ulong> rejected = Vector512<ulong>.Zero;
            Vector512<double> sumFirst = Vector512<double>.Zero;
            Vector512<double> sumSecond = Vector512<double>.Zero;
            for (int i = 0; i < first.Length; i++)
            {
                LaneIndexes(ref state, gamma, bounds, thresholds, ref rejected).CopyTo(index);
                sumFirst += Vector512.Create(
                    first[(int)index[0]], first[(int)index[1]], first[(int)index[2]], first[(int)index[3]],
                    first[(int)index[4]], first[(int)index[5]], first[(int)index[6]], first[(int)index[7]]);
                sumSecond += Vector512.Create(
                    second[(int)index[0]], second[(int)index[1]], second[(int)index[2]], second[(int)index[3]],
                    second[(int)index[4]], second[(int)index[5]], second[(int)index[6]], second[(int)index[7]]);
            }

            if (rejected != Vector512<ulong>.Zero)
            {
                return b; // the state still stands at this block's first draw
            }

            sumFirst.CopyTo(firstSums.Slice(b, lanes));
            sumSecond.CopyTo(secondSums.Slice(b, lanes));
            _state = unchecked(_state + (lanes * resampleStride));
        }

        return b;
    }

    /// <summary>Whole blocks of eight resamples; returns how many resamples it filled (it stops at a block with a rejection).</summary>
    private int SumsOfDrawsInLanes(ReadOnlySpan<double> values, Span<double> sums)
    {
        const int lanes = 8;
        ulong bound = (ulong)values.Length;
        ulong threshold = (0UL - bound) % bound;
        ulong resampleStride = unchecked(bound * GoldenGamma);
        Vector512<ulong> laneStart = Vector512.Create(0UL, 1UL, 2UL, 3UL, 4UL, 5UL, 6UL, 7UL) * resampleStride;
        Vector512<ulong> gamma = Vector512.Create(GoldenGamma);
        Vector512<uint> bounds = Vector512.Create(bound).AsUInt32(); // n < 2^31 sits in each lane's low half
        Vector512<ulong> thresholds = Vector512.Create(threshold);
        Span<ulong> index = stackalloc ulong[lanes];
        int b = 0;
        for (; b + lanes <= sums.Length; b += lanes)
        {
            Vector512<ulong> state = Vector512.Create(_state) + laneStart;
            Vector512<ulong> rejected = Vector512<ulong>.Zero;
            Vector512<double> sum = Vector512<double>.Zero;
            for (int i = 0; i < values.Length; i++)
            {
                LaneIndexes(ref state, gamma, bounds, thresholds, ref rejected).CopyTo(index);
                sum += Vector512.Create(
                    values[(int)index[0]], values[(int)index[1]], values[(int)index[2]], values[(int)index[3]],
                    values[(int)index[4]], values[(int)index[5]], values[(int)index[6]], values[(int)index[7]]);
            }

            if (rejected != Vector512<ulong>.Zero)
            {
                return b; // the state still stands at this block's first draw
            }

            sum.CopyTo(sums.Slice(b, lanes));
            _state = unchecked(_state + (lanes * resampleStride));
        }

        return b;
    }

    /// <summary>
    /// The next draw of each of eight resamples' generators: advances <paramref name="state"/>, mixes it as
    /// <see cref="NextIndex"/> does and returns the index (the high 64 bits of z * n); marks a lane in
    /// <paramref name="rejected"/> when its draw would be rejected (the low 64 bits below the threshold).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> LaneIndexes(ref Vector512<ulong> state, Vector512<ulong> gamma, Vector512<uint> bounds, Vector512<ulong> thresholds, ref Vector512<ulong> rejected)
    {
        state += gamma;
        Vector512<ulong> z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBUL;
        z ^= z >>> 31;

        // z * n as 128 bits from two 32x32-bit products: z * n = zHigh * n * 2^32 + zLow * n.
        Vector512<ulong> lowPart = Avx512F.Multiply(z.AsUInt32(), bounds);
        Vector512<ulong> highPart = Avx512F.Multiply((z >>> 32).AsUInt32(), bounds);
        Vector512<ulong> low = (highPart << 32) + lowPart;
        rejected |= Vector512.LessThan(low, thresholds);
        return (highPart + (lowPart >>> 32)) >>> 32;
    }
}
