using AuditHarness.Core.Statistics;

namespace AuditHarness.Tests.Core.Statistics;

[TestClass]
public sealed class LinearisedIntervalTests
{
    // Five clusters (N_i, D_i): (2,1) (3,2) (1,1) (4,2) (0,3). Computed in exact fractions (python3, fractions.Fraction;
    // z from statistics.NormalDist().inv_cdf):
    //   R = 10/9; e_i = N_i - R*D_i = 8/9, 7/9, -1/9, 16/9, -10/3
    //   Var = 5/4 * sum(e_i^2) / 9^2 = 3175/13122 = 0.24196006706294773, SE = 0.4918943657564576
    //   90 %: [0.3020168795196081, 1.9202053427026142]; 95 %: [0.14701587003028194, 2.07520635219194];
    //   99 %: [-0.15592481045497286, 2.3781470326771954]
    private static readonly double[] Top = [2, 3, 1, 4, 0];
    private static readonly double[] Bottom = [1, 2, 1, 2, 3];

    [TestMethod]
    [DataRow(0.90, 0.3020168795196081, 1.9202053427026142)]
    [DataRow(0.95, 0.14701587003028194, 2.07520635219194)]
    [DataRow(0.99, -0.15592481045497286, 2.3781470326771954)]
    public void RatioIntervalIsTheHandComputedSandwichVariance(double confidence, double low, double high)
    {
        Interval interval = LinearisedInterval.Ratio(Top, Bottom, confidence);

        Assert.AreEqual(10.0 / 9, interval.Estimate, 1e-15);
        Assert.AreEqual(low, interval.Low, 1e-12);
        Assert.AreEqual(high, interval.High, 1e-12);
    }

    [TestMethod]
    [DataRow(0.90, 1.6449)]
    [DataRow(0.95, 1.9600)]
    [DataRow(0.98, 2.3263)]
    [DataRow(0.99, 2.5758)]
    public void HalfWidthOverStandardErrorIsThePublishedNormalQuantile(double confidence, double tableZ)
    {
        // Printed standard normal table values of z_{(1+c)/2} to four decimals (1.6449, 1.9600, 2.3263, 2.5758); SE from the comment above.
        Interval interval = LinearisedInterval.Ratio(Top, Bottom, confidence);

        Assert.AreEqual(tableZ, (interval.High - interval.Estimate) / 0.4918943657564576, 0.00005);
        Assert.AreEqual(interval.High - interval.Estimate, interval.Estimate - interval.Low, 1e-12, "symmetric");
    }

    [TestMethod]
    public void PairedDifferenceIsTheHandComputedPairedLinearisation()
    {
        // Baseline clusters (1,1) (2,2) (0,1) (3,2) (1,0), the candidate's as above (the last cluster has no baseline
        // value). python3, fractions: Rb = 7/6, Rc = 10/9, change -1/18;
        // e_i = (Nc_i - Rc*Dc_i)/9 - (Nb_i - Rb*Db_i)/6, Var = 5/4 * sum(e_i^2) = 95845/209952 = 0.45650910684346896;
        // 95 %: [-1.379814191627467, 1.268703080516356].
        double[] baselineTop = [1, 2, 0, 3, 1], baselineBottom = [1, 2, 1, 2, 0];

        Interval interval = LinearisedInterval.PairedDifference(baselineTop, baselineBottom, Top, Bottom);

        Assert.AreEqual(-1.0 / 18, interval.Estimate, 1e-15);
        Assert.AreEqual(-1.379814191627467, interval.Low, 1e-12);
        Assert.AreEqual(1.268703080516356, interval.High, 1e-12);
    }

    [TestMethod]
    public void IndependentDifferenceAddsTheTwoVariances()
    {
        // The baseline alone: Var = 5/4 * sum((Nb_i - Rb*Db_i)^2) / 6^2 = 265/2592; with the candidate's 3175/13122 the sum is
        // 72265/209952 = 0.3441977213839354 (python3, fractions); 95 %: [-1.2054344069451866, 1.0943232958340754].
        double[] baselineTop = [1, 2, 0, 3, 1], baselineBottom = [1, 2, 1, 2, 0];

        Interval interval = LinearisedInterval.IndependentDifference(baselineTop, baselineBottom, Top, Bottom);

        Assert.AreEqual(-1.0 / 18, interval.Estimate, 1e-15);
        Assert.AreEqual(-1.2054344069451866, interval.Low, 1e-12);
        Assert.AreEqual(1.0943232958340754, interval.High, 1e-12);
    }

    [TestMethod]
    public void EstimateHasTheBootstrapsBits()
    {
        var random = new Random(5);
        double[] top = [.. Enumerable.Range(0, 3001).Select(_ => random.NextDouble() * 7)];
        double[] bottom = [.. Enumerable.Range(0, 3001).Select(_ => 1 + random.Next(3))];

        Assert.AreEqual(ClusterBootstrap.Ratio(top, bottom, resamples: 100).Estimate, LinearisedInterval.Ratio(top, bottom).Estimate);
    }

    [TestMethod]
    public void NoClustersIsUndefinedAndOneClusterIsDegenerate()
    {
        Assert.IsTrue(LinearisedInterval.Ratio([], []).IsUndefined);
        Assert.AreEqual(new Interval(1.5, 1.5, 1.5), LinearisedInterval.Ratio([3], [2]));
        Assert.IsTrue(LinearisedInterval.PairedDifference([1, 2], [0, 0], [1, 2], [1, 1]).IsUndefined, "no baseline denominator");
    }

    [TestMethod]
    public void RefusesAZeroDenominatorInARatio()
    {
        ArgumentException ex = Assert.ThrowsExactly<ArgumentException>(() => LinearisedInterval.Ratio([1, 2], [1, 0]));

        StringAssert.StartsWith(ex.Message, "every cluster's denominator must be above zero");
    }

    [TestMethod]
    public void CoversTheTrueRatioAtTheNominalRate()
    {
        // 400 data sets of 20,000 clusters of 1-3 items; an item has denominator w (1-4, uniform) and numerator w*x, where
        // x = c + u with c ~ Exp(mean 1) shared by the cluster's items and u ~ Exp(mean 0.5) its own: skewed, correlated
        // within a cluster, independent of w. The true ratio E[sum w*x] / E[sum w] is E[x] = 1.5. A 95 % interval should
        // cover it in 95 % of the data sets; 400 give a binomial standard error of 1.1 points, so 93-97 % is ±1.8 of them.
        var random = new Random(20261207);
        int covered = 0;
        const int datasets = 400, clusters = 20_000;
        double[] top = new double[clusters], bottom = new double[clusters];
        for (int d = 0; d < datasets; d++)
        {
            for (int i = 0; i < clusters; i++)
            {
                double shared = -Math.Log(1 - random.NextDouble());
                double n = 0, w = 0;
                for (int item = 0, items = 1 + random.Next(3); item < items; item++)
                {
                    double weight = 1 + random.Next(4);
                    n += weight * (shared + (-0.5 * Math.Log(1 - random.NextDouble())));
                    w += weight;
                }

                top[i] = n;
                bottom[i] = w;
            }

            covered += LinearisedInterval.Ratio(top, bottom).Contains(1.5) ? 1 : 0;
        }

        double coverage = (double)covered / datasets;
        Assert.IsTrue(coverage is >= 0.93 and <= 0.97, $"coverage {coverage}");
    }

    [TestMethod]
    public void AgreesWithTheClusterBootstrapAtTwentyThousandClusters()
    {
        // Skewed clusters as above (lognormal values); each bound of the linearised interval within 5 % of the interval's
        // width of the bootstrap's (10,000 resamples): at this size the ratio is normal to within the bootstrap's own noise.
        var random = new Random(42);
        const int clusters = 20_000;
        double[] top = new double[clusters], bottom = new double[clusters];
        for (int i = 0; i < clusters; i++)
        {
            int items = 1 + random.Next(3);
            double shared = Math.Exp(0.8 * Normal(random));
            for (int item = 0; item < items; item++)
            {
                top[i] += shared * Math.Exp(0.5 * Normal(random));
                bottom[i] += 1;
            }
        }

        Interval bootstrap = ClusterBootstrap.Ratio(top, bottom, seed: 7);
        Interval linearised = LinearisedInterval.Ratio(top, bottom);

        double width = bootstrap.High - bootstrap.Low;
        Assert.AreEqual(bootstrap.Low, linearised.Low, 0.05 * width);
        Assert.AreEqual(bootstrap.High, linearised.High, 0.05 * width);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
