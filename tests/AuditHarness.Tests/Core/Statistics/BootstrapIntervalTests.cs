using AuditHarness.Core.Statistics;

namespace AuditHarness.Tests.Core.Statistics;

[TestClass]
public sealed class BootstrapIntervalTests
{
    private static readonly double[] Skewed = [0.1, 0.4, 0.2, 3.5, 0.05, 0.9, 1.7, 0.3, 0.0, 2.2, 0.6, 0.15];

    [TestMethod]
    public void SameSeedGivesBitIdenticalIntervals()
    {
        Interval first = BootstrapInterval.Mean(Skewed, seed: 7);
        Interval second = BootstrapInterval.Mean(Skewed, seed: 7);

        Assert.AreEqual(BitConverter.DoubleToInt64Bits(first.Low), BitConverter.DoubleToInt64Bits(second.Low));
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(first.High), BitConverter.DoubleToInt64Bits(second.High));
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(first.Estimate), BitConverter.DoubleToInt64Bits(second.Estimate));
    }

    [TestMethod]
    public void DifferentSeedsDrawDifferentResamples()
    {
        Interval first = BootstrapInterval.Mean(Skewed, seed: 7);
        Interval second = BootstrapInterval.Mean(Skewed, seed: 8);

        Assert.AreNotEqual(first.Low, second.Low);
    }

    [TestMethod]
    public void FirstResampleFollowsTheSplitMix64IndexSequenceOfTheSeed()
    {
        // Values equal to their index expose the draws. Seed 1234567 gives the published SplitMix64 outputs
        // (Rosetta Code), whose indices in [0, 10) were worked by hand in SplitMix64Tests: 3, 1, 5, 2, 8.
        double[] identity = [.. Enumerable.Range(0, 10).Select(i => (double)i)];
        List<double[]> seen = [];

        BootstrapInterval.Compute(identity, span => { seen.Add(span.ToArray()); return 0; }, resamples: 1, seed: 1234567);

        // The first call is the estimate, on the sample as given; the second is the first resample.
        Assert.HasCount(2, seen);
        CollectionAssert.AreEqual(identity, seen[0]);
        CollectionAssert.AreEqual(new double[] { 3, 1, 5, 2, 8 }, seen[1].Take(5).ToArray());
    }

    [TestMethod]
    public void DrawsDependOnlyOnSeedCountAndResamplesNotOnTheValues()
    {
        // The sharding guarantee: the same positions are drawn whatever the values, so an affine map of the
        // values maps every resample the same way.
        double[] identity = [.. Enumerable.Range(0, 30).Select(i => (double)i)];
        double[] mapped = [.. identity.Select(v => (3 * v) + 7)];
        List<double[]> fromIdentity = [], fromMapped = [];

        BootstrapInterval.Compute(identity, span => { fromIdentity.Add(span.ToArray()); return 0; }, resamples: 50, seed: 11);
        BootstrapInterval.Compute(mapped, span => { fromMapped.Add(span.ToArray()); return 0; }, resamples: 50, seed: 11);

        // One call for the estimate plus one per resample.
        Assert.HasCount(51, fromMapped);
        for (int b = 0; b < 51; b++)
        {
            CollectionAssert.AreEqual(fromIdentity[b].Select(v => (3 * v) + 7).ToArray(), fromMapped[b]);
        }
    }

    [TestMethod]
    public void ShardsMergedInTheSameOrderReproduceASingleRun()
    {
        double[] shardA = Skewed[..5], shardB = Skewed[5..];

        Interval single = BootstrapInterval.Mean(Skewed);
        Interval merged = BootstrapInterval.Mean([.. shardA, .. shardB]);

        Assert.AreEqual(single, merged);
    }

    [TestMethod]
    public void MeanOfALargeSymmetricSampleIsCloseToTheNormalInterval()
    {
        // Values 1..400. Hand values: mean (n + 1) / 2 = 200.5; the bootstrap resamples the empirical
        // distribution, whose variance is (n^2 - 1) / 12 = 13333.25, so the resampled mean has standard error
        // sqrt(13333.25 / 400) = 5.7735. By the central limit theorem (the parent is symmetric, excess kurtosis
        // -1.2 / 400 for the mean) the 95 % percentile bounds are 200.5 -+ 1.959964 * 5.7735 = 189.184, 211.816.
        // Tolerance: with B = 10,000 a 2.5 % quantile has Monte Carlo standard error
        // sqrt(0.025 * 0.975 / 10000) / phi(1.96) * SE = 0.00156 / 0.0584 * 5.7735 = 0.154; allow 5 of them, 0.77.
        // A 90 % interval (half width 9.50) or an unscaled SE would miss by far more.
        double[] values = [.. Enumerable.Range(1, 400).Select(i => (double)i)];

        Interval interval = BootstrapInterval.Mean(values);

        Assert.AreEqual(200.5, interval.Estimate, 1e-12);
        Assert.AreEqual(189.184, interval.Low, 0.77);
        Assert.AreEqual(211.816, interval.High, 0.77);
    }

    [TestMethod]
    [DataRow(2, 7)]
    [DataRow(12, 20261125)]
    [DataRow(140, 7)]
    [DataRow(33, -5)]
    public void MeanGivesTheSameBitsAsTheGeneralBootstrapWithTheMeanAsStatistic(int count, int seed)
    {
        // Mean's fast path must draw and add exactly like Compute with a left-to-right mean, bit for bit.
        static double LeftToRightMean(ReadOnlySpan<double> s)
        {
            double sum = 0;
            for (int i = 0; i < s.Length; i++)
            {
                sum += s[i];
            }

            return sum / s.Length;
        }

        double[] values = [.. Enumerable.Range(0, count).Select(i => Math.Sin(i * 1.7) * Math.Pow(10, i % 5))];

        Interval fast = BootstrapInterval.Mean(values, 0.9, 2000, seed);
        Interval general = BootstrapInterval.Compute(values, LeftToRightMean, 0.9, 2000, seed);

        Assert.AreEqual(BitConverter.DoubleToInt64Bits(general.Estimate), BitConverter.DoubleToInt64Bits(fast.Estimate));
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(general.Low), BitConverter.DoubleToInt64Bits(fast.Low));
        Assert.AreEqual(BitConverter.DoubleToInt64Bits(general.High), BitConverter.DoubleToInt64Bits(fast.High));
    }

    [TestMethod]
    public void EmptyValuesGiveAnUndefinedInterval()
    {
        Assert.IsTrue(BootstrapInterval.Mean([]).IsUndefined);
    }

    [TestMethod]
    public void SingleValueGivesADegenerateInterval()
    {
        Assert.AreEqual(new Interval(0.42, 0.42, 0.42), BootstrapInterval.Mean([0.42]));
    }

    [TestMethod]
    public void IdenticalValuesGiveADegenerateIntervalWithoutRoundingNoise()
    {
        // Fifty copies of 0.1: every resample is the sample itself, so both bounds are the estimate exactly.
        Interval interval = BootstrapInterval.Mean(Enumerable.Repeat(0.1, 50).ToArray());

        Assert.AreEqual(interval.Estimate, interval.Low);
        Assert.AreEqual(interval.Estimate, interval.High);
        Assert.AreEqual(0.1, interval.Estimate, 1e-15);
    }

    [TestMethod]
    public void StatisticUndefinedOnSomeResampleMakesTheBoundsUndefined()
    {
        // Two values: each resample is {0,0}, {0,1}, {1,0} or {1,1}; the statistic is NaN on the equal ones,
        // which some of 1,000 resamples must hit (probability 1 - 2^-1000).
        static double MeanOfDistinct(ReadOnlySpan<double> s) => s[0] == s[1] ? double.NaN : (s[0] + s[1]) / 2;

        Interval interval = BootstrapInterval.Compute([0.0, 1.0], MeanOfDistinct, resamples: 1000);

        Assert.AreEqual(0.5, interval.Estimate);
        Assert.IsTrue(double.IsNaN(interval.Low));
        Assert.IsTrue(double.IsNaN(interval.High));
    }

    [TestMethod]
    public void GeneralStatisticIsEvaluatedOnTheSampleAndItsResamples()
    {
        // Median of 13 values: sorted, the 7th is 0.4 (0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.45, 0.6, ...). Every
        // resample's median is a sample value, so the bounds stay inside the sample's range.
        double[] values = [.. Skewed, 0.45];

        Interval interval = BootstrapInterval.Compute(values, s => Quantile.Of(s.ToArray(), 0.5));

        Assert.AreEqual(0.4, interval.Estimate, 1e-12);
        Assert.IsTrue(interval.Low >= values.Min() && interval.High <= values.Max());
        Assert.IsTrue(interval.Contains(interval.Estimate));
        Assert.IsGreaterThan(interval.Low, interval.High, "a sample with spread gives an interval with width");
    }

    [TestMethod]
    [DataRow(0.0)]
    [DataRow(1.0)]
    [DataRow(-0.5)]
    [DataRow(95.0)]
    [DataRow(double.NaN)]
    public void ConfidenceOutsideTheOpenUnitIntervalIsRejectedByName(double confidence)
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => BootstrapInterval.Mean(Skewed, confidence));

        Assert.AreEqual("confidence", error.ParamName);
        Assert.Contains("confidence must be strictly between 0 and 1", error.Message);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(-10)]
    public void ResamplesBelowOneAreRejectedByName(int resamples)
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => BootstrapInterval.Mean(Skewed, resamples: resamples));

        Assert.AreEqual("resamples", error.ParamName);
        Assert.Contains("resamples must be at least 1", error.Message);
    }

    [TestMethod]
    public void NonFiniteValueIsRejectedNamingItsIndex()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => BootstrapInterval.Mean([1.0, 2.0, double.NaN]));

        Assert.Contains("values[2]", error.Message);
    }
}
