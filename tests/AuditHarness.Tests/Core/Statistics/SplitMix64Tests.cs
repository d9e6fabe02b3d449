using AuditHarness.Core.Statistics;

namespace AuditHarness.Tests.Core.Statistics;

[TestClass]
public sealed class SplitMix64Tests
{
    // Reference vectors of the Rosetta Code task "Pseudo-random numbers/Splitmix64": the first five integers
    // from seed 1234567.
    private static readonly ulong[] Seed1234567 =
    [
        6457827717110365317UL,
        3203168211198807973UL,
        9817491932198370423UL,
        4593380528125082431UL,
        16408922859458223821UL,
    ];

    [TestMethod]
    public void FirstFiveOutputsFromSeed1234567MatchThePublishedVectors()
    {
        var generator = new SplitMix64(1234567);

        foreach (ulong expected in Seed1234567)
        {
            Assert.AreEqual(expected, generator.NextUInt64());
        }
    }

    [TestMethod]
    public void IndexIsTheHighWordOfTheOutputTimesTheBound()
    {
        // floor(x * 10 / 2^64) for the published outputs, by hand:
        //   6457827717110365317 * 10 / 18446744073709551616 = 3.50...  -> 3
        //   3203168211198807973 * 10 / 2^64                 = 1.73...  -> 1
        //   9817491932198370423 * 10 / 2^64                 = 5.32...  -> 5
        //   4593380528125082431 * 10 / 2^64                 = 2.49...  -> 2
        //  16408922859458223821 * 10 / 2^64                 = 8.89...  -> 8
        // No draw is rejected: rejection needs the low word below 2^64 mod 10 = 6, and the low words here are
        // of order 10^18.
        var generator = new SplitMix64(1234567);

        int[] indices = [.. Enumerable.Range(0, 5).Select(_ => generator.NextIndex(10))];

        CollectionAssert.AreEqual(new[] { 3, 1, 5, 2, 8 }, indices);
    }

    [TestMethod]
    public void FifthsOfTheUnitIntervalFromSeed987654321MatchThePublishedCounts()
    {
        // Rosetta Code task, second part: floor(5 * next_float) over 100,000 draws from seed 987654321 counts
        // 0: 20027, 1: 19892, 2: 20073, 3: 19978, 4: 20030. floor(5 x / 2^64) is NextIndex(5) whenever no draw is
        // rejected (probability 5 / 2^64 per draw), so the counts must agree exactly.
        var generator = new SplitMix64(987654321);
        int[] counts = new int[5];

        for (int i = 0; i < 100_000; i++)
        {
            counts[generator.NextIndex(5)]++;
        }

        CollectionAssert.AreEqual(new[] { 20027, 19892, 20073, 19978, 20030 }, counts);
    }

    [TestMethod]
    [DataRow(1, 5)]
    [DataRow(3, 8)]
    [DataRow(7, 17)]
    [DataRow(60, 40)]
    [DataRow(241, 9)]
    public void SumsOfDrawsEqualOneSumOfDrawsAfterAnotherBitForBitAndEndInTheSameState(int n, int resamples)
    {
        var random = new Random(n * 31 + resamples);
        double[] values = [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-8, 8)))];
        ulong seed = (ulong)random.NextInt64();
        var oneByOne = new SplitMix64(seed);
        double[] expected = [.. Enumerable.Range(0, resamples).Select(_ => oneByOne.SumOfDraws(values))];
        var together = new SplitMix64(seed);
        double[] sums = new double[resamples];

        together.SumsOfDraws(values, sums);

        CollectionAssert.AreEqual(expected.Select(BitConverter.DoubleToInt64Bits).ToArray(), sums.Select(BitConverter.DoubleToInt64Bits).ToArray());
        Assert.AreEqual(oneByOne.NextUInt64(), together.NextUInt64());
    }

    [TestMethod]
    [DataRow(1, 5)]
    [DataRow(3, 8)]
    [DataRow(7, 17)]
    [DataRow(60, 40)]
    [DataRow(241, 9)]
    public void PairedSumsEqualAddingBothValuesAtEachNextIndexDrawInOrder(int n, int resamples)
    {
        var random = new Random(n * 17 + resamples);
        double[] first = [.. Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-8, 8)))];
        double[] second = [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() * Math.Pow(10, random.Next(-3, 3)))];
        ulong seed = (ulong)random.NextInt64();
        (double[] expectedFirst, double[] expectedSecond, SplitMix64 oneByOne) = PairedByNextIndex(seed, first, second, resamples);
        var together = new SplitMix64(seed);
        double[] firstSums = new double[resamples], secondSums = new double[resamples];

        together.SumsOfPairedDraws(first, second, firstSums, secondSums);

        CollectionAssert.AreEqual(expectedFirst.Select(BitConverter.DoubleToInt64Bits).ToArray(), firstSums.Select(BitConverter.DoubleToInt64Bits).ToArray());
        CollectionAssert.AreEqual(expectedSecond.Select(BitConverter.DoubleToInt64Bits).ToArray(), secondSums.Select(BitConverter.DoubleToInt64Bits).ToArray());
        Assert.AreEqual(oneByOne.NextUInt64(), together.NextUInt64());
    }

    [TestMethod]
    public void PairedSumsRedrawARejectedIndexLikeNextIndex()
    {
        // As for SumsOfDraws: state 0 rejects draw k for the bound 3, here in the 4th resample of the second block of eight.
        const int n = 3;
        const ulong gamma = 0x9E3779B97F4A7C15UL;
        ulong k = (ulong)((8 * n) + (3 * n) + 2);
        ulong seed = unchecked(0UL - (k * gamma));
        double[] first = [0.1, 0.7, 1e-9], second = [2, 3, 5];
        (double[] expectedFirst, double[] expectedSecond, SplitMix64 oneByOne) = PairedByNextIndex(seed, first, second, 30);
        var together = new SplitMix64(seed);
        double[] firstSums = new double[30], secondSums = new double[30];

        together.SumsOfPairedDraws(first, second, firstSums, secondSums);

        CollectionAssert.AreEqual(expectedFirst, firstSums);
        CollectionAssert.AreEqual(expectedSecond, secondSums);
        Assert.AreEqual(oneByOne.NextUInt64(), together.NextUInt64());
    }

    [TestMethod]
    public void PairedSumsRefuseArraysOfDifferentLengths()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new SplitMix64(1).SumsOfPairedDraws([1.0, 2.0], [1.0], new double[3], new double[3]));
    }

    /// <summary>The ratio bootstrap's draws written out: per resample, n indexes by NextIndex, both sums in draw order.</summary>
    private static (double[] First, double[] Second, SplitMix64 Generator) PairedByNextIndex(ulong seed, double[] first, double[] second, int resamples)
    {
        var generator = new SplitMix64(seed);
        double[] sumsFirst = new double[resamples], sumsSecond = new double[resamples];
        for (int b = 0; b < resamples; b++)
        {
            for (int i = 0; i < first.Length; i++)
            {
                int c = generator.NextIndex(first.Length);
                sumsFirst[b] += first[c];
                sumsSecond[b] += second[c];
            }
        }

        return (sumsFirst, sumsSecond, generator);
    }

    [TestMethod]
    public void SumsOfDrawsRedrawARejectedIndexAndShiftTheLaterResamplesLikeOneAfterAnother()
    {
        // The mix of state 0 is 0, and an output of 0 gives low word 0, below 2^64 mod 3 = 1: rejected. Seeding the
        // generator k draws before state 0 rejects draw k, here in the 4th resample of the second block of eight.
        const int n = 3;
        const ulong gamma = 0x9E3779B97F4A7C15UL;
        ulong k = (ulong)((8 * n) + (3 * n) + 2);
        ulong seed = unchecked(0UL - (k * gamma));
        double[] values = [0.1, 0.7, 1e-9];
        var oneByOne = new SplitMix64(seed);
        double[] expected = [.. Enumerable.Range(0, 30).Select(_ => oneByOne.SumOfDraws(values))];
        var together = new SplitMix64(seed);
        double[] sums = new double[30];

        together.SumsOfDraws(values, sums);

        CollectionAssert.AreEqual(expected, sums);
        ulong next = oneByOne.NextUInt64();
        Assert.AreEqual(next, together.NextUInt64());
        Assert.AreNotEqual(new SplitMix64(unchecked(seed + (30UL * n * gamma))).NextUInt64(), next, "one draw more than 30 x 3 was taken");
    }

    [TestMethod]
    public void BoundOfOneAlwaysGivesZero()
    {
        var generator = new SplitMix64(42);

        Assert.IsTrue(Enumerable.Range(0, 100).All(_ => generator.NextIndex(1) == 0));
    }

    [TestMethod]
    public void NonPositiveBoundIsRejected()
    {
        var generator = new SplitMix64(42);

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => generator.NextIndex(0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => generator.NextIndex(-3));
    }

    [TestMethod]
    public void SeedZeroGivesVignasReferenceSequence()
    {
        // The first outputs of Vigna's reference splitmix64.c started from x = 0.
        var random = new SplitMix64(0);

        Assert.AreEqual(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.AreEqual(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.AreEqual(0x06C45D188009454FUL, random.NextUInt64());
    }

    [TestMethod]
    public void SumOfDrawsOfTheIndexSequenceIsTheSumOfTheHandWorkedIndices()
    {
        // Values equal to their index expose the draws: from seed 1234567 the first five indices in [0, 10) are
        // 3, 1, 5, 2, 8 (worked above); with five values the bound is 5, so the same outputs give
        // floor(x * 5 / 2^64) = 1, 0, 2, 1, 4 (half of 3.50, 1.73, 5.32, 2.49, 8.89), summing to 8.
        var generator = new SplitMix64(1234567);

        double sum = generator.SumOfDraws([0, 1, 2, 3, 4]);

        Assert.AreEqual(8.0, sum);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(7)]
    [DataRow(140)]
    [DataRow(1000)]
    public void SumOfDrawsEqualsAddingNextIndexDrawsInOrderAndLeavesTheSameState(int count)
    {
        // Values whose sum depends on the order of addition (mixed magnitudes), so any change of draws or order shows in the bits.
        double[] values = [.. Enumerable.Range(0, count).Select(i => Math.Pow(10, (i * 7 % 23) - 11) * (1 + (i % 3)))];
        var fast = new SplitMix64(20261125);
        var reference = new SplitMix64(20261125);

        for (int resample = 0; resample < 50; resample++)
        {
            double expected = 0;
            for (int i = 0; i < count; i++)
            {
                expected += values[reference.NextIndex(count)];
            }

            Assert.AreEqual(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(fast.SumOfDraws(values)), $"resample {resample}");
        }

        Assert.AreEqual(reference.NextUInt64(), fast.NextUInt64(), "both generators must go on from the same state");
    }

    [TestMethod]
    public void SumOfNoValuesIsZeroAndDrawsNothing()
    {
        var generator = new SplitMix64(1234567);

        Assert.AreEqual(0.0, generator.SumOfDraws([]));
        Assert.AreEqual(Seed1234567[0], generator.NextUInt64());
    }
}
