using AuditHarness.Core.Statistics;

namespace AuditHarness.Tests.Core.Statistics;

[TestClass]
public sealed class ClusterBootstrapTests
{
    [TestMethod]
    public void IntervalMatchesTheExactBootstrapDistributionEnumeratedByBruteForce()
    {
        // Three clusters (numerator, denominator): ratios 1, 0 and 1.5. The exact bootstrap distribution is the 27 ordered
        // draws of three clusters, each with probability 1/27; its 10 % and 90 % quantiles are where its CDF crosses 0.1
        // and 0.9. With 100,000 resamples the empirical CDF is within about 0.001 of the exact one, so the percentile
        // bounds must land on those very atoms (by hand: 0.2, from one A and two B, and 1.4, from one A and two C).
        double[] top = [1, 0, 3];
        double[] bottom = [1, 2, 2];
        var exact = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                for (int k = 0; k < 3; k++)
                {
                    exact.Add((top[i] + top[j] + top[k]) / (bottom[i] + bottom[j] + bottom[k]));
                }
            }
        }

        double low = AtomWhereCdfCrosses(exact, 0.1), high = AtomWhereCdfCrosses(exact, 0.9);
        Assert.AreEqual(0.2, low, 1e-12);
        Assert.AreEqual(1.4, high, 1e-12);

        Interval interval = ClusterBootstrap.Ratio(top, bottom, confidence: 0.8, resamples: 100_000, seed: 11);

        Assert.AreEqual(4.0 / 5, interval.Estimate, 1e-15);
        Assert.AreEqual(low, interval.Low, 1e-12);
        Assert.AreEqual(high, interval.High, 1e-12);
    }

    [TestMethod]
    public void OneItemPerClusterWithUnitDenominatorsIsTheMeanBootstrap()
    {
        double[] values = [0.1, 0.4, 0.2, 3.5, 0.05, 0.9, 1.7, 0.3, 0.0, 2.2, 0.6, 0.15];

        Interval clustered = ClusterBootstrap.Ratio(values, [.. values.Select(_ => 1.0)], seed: 7);
        Interval plain = BootstrapInterval.Mean(values, seed: 7);

        Assert.AreEqual(plain.Estimate, clustered.Estimate, 1e-15);
        Assert.AreEqual(plain.Low, clustered.Low, 1e-15);
        Assert.AreEqual(plain.High, clustered.High, 1e-15);
    }

    [TestMethod]
    public void ScalingEveryClusterAlikeChangesNothing()
    {
        // Doubling every cluster's sums (each subject's pairs duplicated) leaves every resample's ratio where it was.
        double[] top = [0.3, 0.1, 0.7, 0.2, 0.4];
        double[] bottom = [1, 2, 3, 1, 2];

        Interval once = ClusterBootstrap.Ratio(top, bottom, seed: 3);
        Interval twice = ClusterBootstrap.Ratio([.. top.Select(t => 2 * t)], [.. bottom.Select(b => 2 * b)], seed: 3);

        Assert.AreEqual(once, twice);
        Assert.IsLessThan(once.High, once.Low);
    }

    [TestMethod]
    public void EdgeCasesAreUndefinedDegenerateOrRefused()
    {
        Assert.IsTrue(ClusterBootstrap.Ratio([], []).IsUndefined);
        Assert.AreEqual(new Interval(0.5, 0.5, 0.5), ClusterBootstrap.Ratio([1, 2], [2, 4]));
        Assert.ThrowsExactly<ArgumentException>(() => ClusterBootstrap.Ratio([1, 2], [1, 0]));
        Assert.ThrowsExactly<ArgumentException>(() => ClusterBootstrap.Ratio([1, 2], [1]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ClusterBootstrap.Ratio([1, 2], [1, 1], resamples: 0));
    }

    /// <summary>The smallest value whose exact CDF reaches p, checked to be well away from any other crossing.</summary>
    private static double AtomWhereCdfCrosses(List<double> equallyLikely, double p)
    {
        double[] atoms = [.. equallyLikely.Distinct().Order()];
        double below = 0;
        foreach (double atom in atoms)
        {
            double at = below + ((double)equallyLikely.Count(v => Math.Abs(v - atom) < 1e-12) / equallyLikely.Count);
            if (at >= p)
            {
                Assert.IsTrue(p - below > 0.02 && at - p > 0.02, "the crossing must be clear of the atom's edges for the test to be sharp");
                return atom;
            }

            below = at;
        }

        throw new InvalidOperationException("no atom reaches p");
    }
}
