using AuditHarness.Reporting.Pdf;

namespace AuditHarness.Tests.Reporting.Pdf;

/// <summary>The points a box plot draws: every value up to the bound, beyond it evenly spaced order statistics.</summary>
[TestClass]
public sealed class PointSampleTests
{
    [TestMethod]
    public void AtMostTheBoundEveryValueIsDrawnInItsOrder()
    {
        double[] values = [0.3, -0.1, 0.7, 0.0];

        CollectionAssert.AreEqual(values, PointSample.Of(values, limit: 4));
    }

    [TestMethod]
    public void BeyondTheBoundTheSampleIsEvenlySpacedOrderStatisticsWithTheExtremes()
    {
        // The values 0..999 shuffled: the value of rank r is r. Five points take ranks 0, 249.75, 499.5, 749.25 and 999,
        // rounded half away from zero: 0, 250, 500, 749, 999.
        double[] values = [.. Enumerable.Range(0, 1000).Select(i => (double)((i * 7919) % 1000))];
        Assert.AreEqual(1000, values.Distinct().Count(), "a permutation of 0..999");

        CollectionAssert.AreEqual(new double[] { 0, 250, 500, 749, 999 }, PointSample.Of(values, limit: 5));
    }

    [TestMethod]
    public void TheSampleDoesNotDependOnTheValuesOrder()
    {
        // A resumed, sharded or merged run may hand the values over in another order; the page must not change.
        var random = new Random(11);
        double[] values = [.. Enumerable.Range(0, 5000).Select(_ => random.NextDouble())];
        double[] reversed = [.. values.Reverse()];

        double[] sample = PointSample.Of(values);

        Assert.HasCount(PointSample.MaxPoints, sample);
        CollectionAssert.AreEqual(sample, PointSample.Of(reversed));
        Assert.AreEqual(values.Min(), sample[0]);
        Assert.AreEqual(values.Max(), sample[^1]);
    }

    [TestMethod]
    public void ASampleBoundBelowTwoIsRefused()
    {
        // One point could not hold both extremes.
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => PointSample.Of([1.0, 2.0, 3.0], limit: 1));
    }
}
