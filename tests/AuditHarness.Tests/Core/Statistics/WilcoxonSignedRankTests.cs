using AuditHarness.Core.Statistics;

namespace AuditHarness.Tests.Core.Statistics;

[TestClass]
public sealed class WilcoxonSignedRankTests
{
    [TestMethod]
    public void FivePositiveDifferencesHaveExactOneSidedPOfOneIn32()
    {
        // d = 1..5, all positive: W+ = 1+2+3+4+5 = 15, W- = 0. Of the 2^5 = 32 equally likely sign patterns only
        // all-positive reaches 15, so P(W+ >= 15) = 1/32; two-sided doubles it; P(W+ <= 15) = 1.
        double[] x = [1, 2, 3, 4, 5], y = [0, 0, 0, 0, 0];

        WilcoxonResult greater = WilcoxonSignedRank.Test(x, y);
        WilcoxonResult twoSided = WilcoxonSignedRank.Test(x, y, Alternative.TwoSided);
        WilcoxonResult less = WilcoxonSignedRank.Test(x, y, Alternative.Less);

        Assert.AreEqual(new WilcoxonResult(5, 15, 0, 15, null, 1.0 / 32, Exact: true), greater);
        Assert.AreEqual(0.0, twoSided.Statistic, "two-sided statistic is min(W+, W-)");
        Assert.AreEqual(2.0 / 32, twoSided.PValue);
        Assert.AreEqual(1.0, less.PValue);
    }

    [TestMethod]
    public void HollanderWolfeDepressionExampleGivesV40AndP001953()
    {
        // Hollander & Wolfe, Nonparametric Statistical Methods (1973), pp. 29f: Hamilton depression scale factor
        // IV of 9 patients at the first (x) and second (y) visit; R's wilcox.test documentation runs it as
        // wilcox.test(x, y, paired = TRUE, alternative = "greater") -> V = 40, p-value = 0.01953.
        // By hand: d = 0.952, -0.147, 1.022, 0.43, 0.62, 0.59, 0.49, -0.08, 0.01; the negatives have ranks
        // 3 (0.147) and 2 (0.08), so W- = 5, W+ = 45 - 5 = 40. P(W+ >= 40) = P(W+ <= 5) by symmetry; subsets of
        // {1..9} with sum <= 5: {}, {1}, {2}, {3}, {1,2}, {4}, {1,3}, {5}, {1,4}, {2,3} = 10, so p = 10/512.
        double[] x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
        double[] y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];

        WilcoxonResult result = WilcoxonSignedRank.Test(x, y);
        WilcoxonResult twoSided = WilcoxonSignedRank.Test(x, y, Alternative.TwoSided);

        Assert.AreEqual(9, result.N);
        Assert.AreEqual(40.0, result.WPlus);
        Assert.AreEqual(5.0, result.WMinus);
        Assert.IsTrue(result.Exact);
        Assert.AreEqual(10.0 / 512, result.PValue, 1e-15);
        Assert.AreEqual(0.01953, result.PValue, 5e-6);
        Assert.AreEqual(20.0 / 512, twoSided.PValue, 1e-15);
    }

    [TestMethod]
    public void ExactPValuesEqualBruteForceEnumerationOfAllSignPatterns()
    {
        // For n = 1..12: count, over all 2^n sign assignments to ranks 1..n, the rank sums at least and at most
        // each possible W+, and compare with the test's p-values for data built to have that W+.
        for (int n = 1; n <= 12; n++)
        {
            int maximum = n * (n + 1) / 2;
            long[] patternsWithSum = new long[maximum + 1];
            for (int mask = 0; mask < 1 << n; mask++)
            {
                int sum = 0;
                for (int rank = 1; rank <= n; rank++)
                {
                    if ((mask & (1 << (rank - 1))) != 0)
                    {
                        sum += rank;
                    }
                }

                patternsWithSum[sum]++;
            }

            double total = 1 << n;
            for (int w = 0; w <= maximum; w++)
            {
                long atLeast = patternsWithSum[w..].Sum(), atMost = patternsWithSum[..(w + 1)].Sum();
                double[] differences = WithPositiveRankSum(n, w);
                double[] zeros = new double[n];
                string where = $"n = {n}, W+ = {w}";

                WilcoxonResult greater = WilcoxonSignedRank.Test(differences, zeros, Alternative.Greater);
                Assert.AreEqual(w, greater.WPlus, where);
                Assert.IsTrue(greater.Exact, where);
                Assert.AreEqual(atLeast / total, greater.PValue, 1e-15, where);
                Assert.AreEqual(atMost / total, WilcoxonSignedRank.Test(differences, zeros, Alternative.Less).PValue, 1e-15, where);
                Assert.AreEqual(Math.Min(1, 2 * Math.Min(atLeast, atMost) / total), WilcoxonSignedRank.Test(differences, zeros, Alternative.TwoSided).PValue, 1e-15, where);
            }
        }
    }

    [TestMethod]
    public void TiedDifferencesUseTheNormalApproximationWithTieAndContinuityCorrection()
    {
        // Ten pairs, d = x - y = -15, 7, -5, -20, 0, 9, -17, 12, -5, 10. The zero is dropped: n = 9.
        // |d| sorted: 5, 5, 7, 9, 10, 12, 15, 17, 20 -> ranks 1.5, 1.5, 3, 4, 5, 6, 7, 8, 9 (one tie, t = 2).
        // W+ = 3 + 4 + 5 + 6 = 18 (7, 9, 10, 12); W- = 1.5 + 1.5 + 7 + 8 + 9 = 27.
        // Mean n(n+1)/4 = 22.5. Variance n(n+1)(2n+1)/24 - sum(t^3 - t)/48 = 9*10*19/24 - (8 - 2)/48
        //   = 71.25 - 0.125 = 71.125, sd = 8.433564.
        // Greater:   z = (18 - 22.5 - 0.5) / sd = -5 / 8.433564 = -0.592869, p = P(Z >= z).
        // Two-sided: correction towards the mean, z = (18 - 22.5 + 0.5) / sd = -0.474295, p = 2 P(Z <= z).
        // Less:      z = (18 - 22.5 + 0.5) / sd = -0.474295, p = P(Z <= z).
        double[] x = [110, 122, 125, 120, 140, 124, 123, 137, 135, 145];
        double[] y = [125, 115, 130, 140, 140, 115, 140, 125, 140, 135];
        double sd = Math.Sqrt(71.125);

        WilcoxonResult greater = WilcoxonSignedRank.Test(x, y);
        WilcoxonResult twoSided = WilcoxonSignedRank.Test(x, y, Alternative.TwoSided);
        WilcoxonResult less = WilcoxonSignedRank.Test(x, y, Alternative.Less);

        Assert.AreEqual(9, greater.N);
        Assert.AreEqual(18.0, greater.WPlus);
        Assert.AreEqual(27.0, greater.WMinus);
        Assert.IsFalse(greater.Exact);
        Assert.AreEqual(-5 / sd, greater.Z!.Value, 1e-12);
        Assert.AreEqual(NormalTailByQuadrature.Upper(-5 / sd), greater.PValue, 1e-12);
        Assert.AreEqual(-0.592869, greater.Z.Value, 1e-6);

        Assert.AreEqual(18.0, twoSided.Statistic);
        Assert.AreEqual(-4 / sd, twoSided.Z!.Value, 1e-12);
        Assert.AreEqual(2 * NormalTailByQuadrature.Lower(-4 / sd), twoSided.PValue, 1e-12);

        Assert.AreEqual(NormalTailByQuadrature.Lower(-4 / sd), less.PValue, 1e-12);
    }

    [TestMethod]
    public void MoreThan25DifferencesUseTheNormalApproximationEvenWithoutTies()
    {
        // d = -1..-5, +6..+26: n = 26, W- = 15, W+ = 351 - 15 = 336. Mean 26*27/4 = 175.5; variance
        // 26*27*53/24 = 1550.25, sd = 39.373214; z = (336 - 175.5 - 0.5) / sd = 160 / 39.373214 = 4.063676.
        double[] x = [.. Enumerable.Range(1, 26).Select(r => r <= 5 ? -r : (double)r)];
        double[] y = new double[26];
        double sd = Math.Sqrt(1550.25);

        WilcoxonResult result = WilcoxonSignedRank.Test(x, y);

        Assert.IsFalse(result.Exact);
        Assert.AreEqual(336.0, result.WPlus);
        Assert.AreEqual(15.0, result.WMinus);
        Assert.AreEqual(160 / sd, result.Z!.Value, 1e-12);
        Assert.AreEqual(4.063676, result.Z.Value, 1e-6);
        double expected = NormalTailByQuadrature.Upper(160 / sd);
        Assert.AreEqual(expected, result.PValue, expected * 1e-9);
    }

    [TestMethod]
    public void TwentyFiveUntiedDifferencesStillGetTheExactDistribution()
    {
        // All 25 positive: W+ = 325 is reached by one sign pattern of 2^25.
        double[] x = [.. Enumerable.Range(1, 25).Select(r => (double)r)];

        WilcoxonResult result = WilcoxonSignedRank.Test(x, new double[25]);

        Assert.IsTrue(result.Exact);
        Assert.AreEqual(Math.Pow(2, -25), result.PValue);
    }

    [TestMethod]
    public void ZeroDifferencesAreDroppedBeforeRanking()
    {
        // d = 0, 0, 1, 2, 3: n = 3, W+ = 6, one pattern in 2^3 -> p = 1/8.
        WilcoxonResult result = WilcoxonSignedRank.Test([5, 5, 6, 7, 8], [5, 5, 5, 5, 5]);

        Assert.AreEqual(3, result.N);
        Assert.AreEqual(6.0, result.WPlus);
        Assert.AreEqual(0.125, result.PValue);
    }

    [TestMethod]
    public void BalancedTiedDifferencesGiveZAndTwoSidedPOfExactlyNeutral()
    {
        // d = 1, -1, 2, -2: ranks 1.5, 1.5, 3.5, 3.5; W+ = W- = 5 = n(n+1)/4, so no continuity correction
        // applies two-sided: z = 0, p = 1.
        WilcoxonResult result = WilcoxonSignedRank.Test([1, -1, 2, -2], [0, 0, 0, 0], Alternative.TwoSided);

        Assert.AreEqual(5.0, result.WPlus);
        Assert.AreEqual(5.0, result.WMinus);
        Assert.AreEqual(0.0, result.Z);
        Assert.AreEqual(1.0, result.PValue);
    }

    [TestMethod]
    public void NoNonZeroDifferenceGivesNoPValue()
    {
        WilcoxonResult result = WilcoxonSignedRank.Test([0.3, 0.5], [0.3, 0.5]);

        Assert.AreEqual(0, result.N);
        Assert.IsTrue(double.IsNaN(result.PValue));
        Assert.IsNull(result.Z);
    }

    [TestMethod]
    public void UnequalLengthsAreRejectedWithBothCounts()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => WilcoxonSignedRank.Test([1, 2, 3], [1, 2]));

        Assert.Contains("x has 3 values, y has 2", error.Message);
    }

    [TestMethod]
    public void NonFiniteValueIsRejectedNamingItsIndex()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => WilcoxonSignedRank.Test([1, 2], [1, double.PositiveInfinity]));

        Assert.Contains("y[1]", error.Message);
    }

    [TestMethod]
    public void UndefinedAlternativeIsRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => WilcoxonSignedRank.Test([1], [0], (Alternative)7));
    }

    [TestMethod]
    public void OneSampleRanksTheValuesAsDifferencesFromZero()
    {
        // The tied example above given as its differences d = x - y (the zero among them dropped): by hand W+ = 18,
        // W- = 27, n = 9, z = -5 / sqrt(71.125) for "greater"; and the Hollander-Wolfe differences, W+ = 40, p = 10/512.
        double[] tied = [-15, 7, -5, -20, 0, 9, -17, 12, -5, 10];
        WilcoxonResult greater = WilcoxonSignedRank.OneSample(tied);
        Assert.AreEqual(9, greater.N);
        Assert.AreEqual(18.0, greater.WPlus);
        Assert.AreEqual(27.0, greater.WMinus);
        Assert.AreEqual(-5 / Math.Sqrt(71.125), greater.Z!.Value, 1e-12);
        Assert.AreEqual(NormalTailByQuadrature.Lower(-4 / Math.Sqrt(71.125)), WilcoxonSignedRank.OneSample(tied, Alternative.Less).PValue, 1e-12);

        double[] depression = [0.952, -0.147, 1.022, 0.43, 0.62, 0.59, 0.49, -0.08, 0.01];
        WilcoxonResult exact = WilcoxonSignedRank.OneSample(depression);
        Assert.IsTrue(exact.Exact);
        Assert.AreEqual(40.0, exact.WPlus);
        Assert.AreEqual(10.0 / 512, exact.PValue, 1e-15);
    }

    [TestMethod]
    public void OneSampleRefusesANonFiniteValueNamingItsIndexAndLeavesItsInputAlone()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => WilcoxonSignedRank.OneSample([1, 2, double.NaN]));
        StringAssert.Contains(error.Message, "values[2] is NaN");
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => WilcoxonSignedRank.OneSample([1], (Alternative)7));

        double[] values = [3, -1, 2, -5, 4];
        _ = WilcoxonSignedRank.OneSample(values, Alternative.TwoSided);
        CollectionAssert.AreEqual(new double[] { 3, -1, 2, -5, 4 }, values, "the ranking sorts a copy, never the caller's values");
    }

    /// <summary>Differences with magnitudes 1..n, positive on a set of ranks summing to w (greedy from the top).</summary>
    private static double[] WithPositiveRankSum(int n, int w)
    {
        double[] differences = new double[n];
        int remaining = w;
        for (int rank = n; rank >= 1; rank--)
        {
            bool positive = rank <= remaining;
            remaining -= positive ? rank : 0;
            differences[rank - 1] = positive ? rank : -rank;
        }

        Assert.AreEqual(0, remaining, $"greedy subset for n = {n}, w = {w}");
        return differences;
    }
}
