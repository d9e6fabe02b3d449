using AuditHarness.Core.Statistics;

namespace AuditHarness.Tests.Core.Statistics;

[TestClass]
public sealed class ClusterIntervalTests
{
    [TestMethod]
    public void BelowTheThresholdTheBootstrapGivesTheIntervalAtItLinearised()
    {
        (double[] top, double[] bottom) = Spread(1000, seed: 1);

        MethodInterval below = ClusterInterval.Ratio(top[..999], bottom[..999], 0.95, 500, 7, largeSampleClusters: 1000);
        MethodInterval at = ClusterInterval.Ratio(top, bottom, 0.95, 500, 7, largeSampleClusters: 1000);

        Assert.AreEqual(IntervalMethod.Bootstrap, below.Method);
        Assert.AreEqual(ClusterBootstrap.Ratio(top[..999], bottom[..999], 0.95, 500, 7), below.Interval);
        Assert.AreEqual(IntervalMethod.Linearised, at.Method);
        Assert.AreEqual(LinearisedInterval.Ratio(top, bottom), at.Interval);
    }

    [TestMethod]
    public void ZeroThresholdMeansTheDefault()
    {
        Assert.AreEqual(ClusterInterval.DefaultLargeSampleClusters, ClusterInterval.Threshold(0));
        Assert.AreEqual(250, ClusterInterval.Threshold(250));
        (double[] top, double[] bottom) = Spread(ClusterInterval.DefaultLargeSampleClusters - 1, seed: 2);

        Assert.AreEqual(IntervalMethod.Bootstrap, ClusterInterval.Ratio(top, bottom, 0.95, 100, 7, largeSampleClusters: 0).Method);
    }

    [TestMethod]
    public void ARareEventKeepsTheBootstrap()
    {
        // 30 clusters with the event among 50,000: far above the threshold, but the ratio is skewed (30 above the estimate).
        const int clusters = 50_000;
        double[] top = new double[clusters], bottom = [.. Enumerable.Repeat(1.0, clusters)];
        for (int i = 0; i < 30; i++)
        {
            top[i * 1000] = 1;
        }

        MethodInterval chosen = ClusterInterval.Ratio(top, bottom, 0.95, 200, 7, largeSampleClusters: 10_000);

        Assert.AreEqual(IntervalMethod.Bootstrap, chosen.Method);
        Assert.AreEqual(ClusterBootstrap.Ratio(top, bottom, 0.95, 200, 7), chosen.Interval);
    }

    [TestMethod]
    public void ExactlyOneHundredOnEachSideIsEnoughAndNinetyNineIsNot()
    {
        // Clusters of ratio 1, 0 and (the rest) 0.5: the estimate is 0.5 when as many are at 1 as at 0.
        static (double[], double[]) Sides(int each)
        {
            double[] top = [.. Enumerable.Repeat(0.5, 1000)];
            for (int i = 0; i < each; i++)
            {
                top[i] = 1;
                top[999 - i] = 0;
            }

            return (top, [.. Enumerable.Repeat(1.0, 1000)]);
        }

        (double[] top100, double[] bottom100) = Sides(100);
        (double[] top99, double[] bottom99) = Sides(99);

        Assert.AreEqual(IntervalMethod.Linearised, ClusterInterval.Ratio(top100, bottom100, 0.95, 100, 7, 1000).Method);
        Assert.AreEqual(IntervalMethod.Bootstrap, ClusterInterval.Ratio(top99, bottom99, 0.95, 100, 7, 1000).Method);
    }

    [TestMethod]
    public void DifferencesFollowTheSameRule()
    {
        (double[] bn, double[] bd) = Spread(2000, seed: 3);
        (double[] cn, double[] cd) = Spread(2000, seed: 4);

        MethodInterval paired = ClusterInterval.PairedDifference(bn, bd, cn, cd, 0.95, 100, 7, 2000);
        MethodInterval independent = ClusterInterval.IndependentDifference(bn, bd, cn, cd, 0.95, 100, 7, 2000);
        MethodInterval small = ClusterInterval.IndependentDifference(bn, bd, cn[..1999], cd[..1999], 0.95, 100, 7, 2000);

        Assert.AreEqual(IntervalMethod.Linearised, paired.Method);
        Assert.AreEqual(LinearisedInterval.PairedDifference(bn, bd, cn, cd), paired.Interval);
        Assert.AreEqual(IntervalMethod.Linearised, independent.Method);
        Assert.AreEqual(LinearisedInterval.IndependentDifference(bn, bd, cn, cd), independent.Interval);
        Assert.AreEqual(IntervalMethod.Bootstrap, small.Method, "one sample below the threshold");
    }

    /// <summary>Clusters of 1-3 items with values spread on both sides of their ratio.</summary>
    private static (double[] Top, double[] Bottom) Spread(int clusters, int seed)
    {
        var random = new Random(seed);
        double[] top = new double[clusters], bottom = new double[clusters];
        for (int i = 0; i < clusters; i++)
        {
            bottom[i] = 1 + random.Next(3);
            top[i] = bottom[i] * random.NextDouble();
        }

        return (top, bottom);
    }
}
