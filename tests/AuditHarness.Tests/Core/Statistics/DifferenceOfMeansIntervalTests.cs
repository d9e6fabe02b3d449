using AuditHarness.Core.Statistics;

namespace AuditHarness.Tests.Core.Statistics;

[TestClass]
public sealed class DifferenceOfMeansIntervalTests
{
    [TestMethod]
    public void BoundsAgreeWithTheNormalApproximationOnLargeSamples()
    {
        // Deterministic, skew-free samples: x uniform on [0, 1] (variance 1/12), y uniform on [0.2, 0.8] (variance 0.03).
        double[] x = [.. Enumerable.Range(0, 400).Select(i => (i + 0.5) / 400)];
        double[] y = [.. Enumerable.Range(0, 300).Select(i => 0.2 + (0.6 * (i + 0.5) / 300))];
        double standardError = Math.Sqrt((Variance(x) / x.Length) + (Variance(y) / y.Length));

        Interval interval = DifferenceOfMeansInterval.Compute(x, y, 0.95, 20_000, 11);

        Assert.AreEqual(0.0, interval.Estimate, 1e-12);
        Assert.AreEqual(-1.959964 * standardError, interval.Low, 0.06 * standardError);
        Assert.AreEqual(1.959964 * standardError, interval.High, 0.06 * standardError);
    }

    [TestMethod]
    public void ConstantSamplesGiveADegenerateIntervalAtTheirDifference()
    {
        Interval interval = DifferenceOfMeansInterval.Compute([0.5, 0.5, 0.5], [0.2, 0.2], 0.95, 500, 3);

        Assert.AreEqual(0.3, interval.Estimate, 1e-15);
        Assert.AreEqual(0.3, interval.Low, 1e-15);
        Assert.AreEqual(0.3, interval.High, 1e-15);
    }

    [TestMethod]
    public void AnEmptySampleGivesNoInterval()
    {
        Assert.IsTrue(DifferenceOfMeansInterval.Compute([], [1.0]).IsUndefined);
        Assert.IsTrue(DifferenceOfMeansInterval.Compute([1.0], []).IsUndefined);
    }

    [TestMethod]
    public void TheSameSeedGivesTheSameBoundsAndAnotherSeedOthers()
    {
        double[] x = [0.1, 0.4, 0.35, 0.8, 0.05], y = [0.3, 0.2, 0.9];

        Interval a = DifferenceOfMeansInterval.Compute(x, y, 0.9, 1000, 5);
        Interval b = DifferenceOfMeansInterval.Compute(x, y, 0.9, 1000, 5);
        Interval c = DifferenceOfMeansInterval.Compute(x, y, 0.9, 1000, 6);

        Assert.AreEqual(a, b);
        Assert.AreNotEqual(a, c);
    }

    private static double Variance(double[] values)
    {
        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
    }
}
