using AuditHarness.Core.Statistics;
using AuditHarness.Engine.Summary;
using AuditHarness.Reporting.Pdf;

namespace AuditHarness.Tests.Reporting.Pdf;

/// <summary>The report's points of a box, drawn from the sample the engine kept in the profile.</summary>
[TestClass]
public sealed class PointSampleTests
{
    [TestMethod]
    [DataRow(1992)]
    [DataRow(5000)]
    [DataRow(123457)]
    public void ThePointsOfTheEnginesSampleAreTheOrderStatisticsOfEveryValue(int n)
    {
        // The values 0..n-1 shuffled, so the value of rank r is r; the 200 points must be ranks round(k (n - 1) / 199),
        // halves up, of all n values (the extremes 0 and n - 1 included), not of a stride through them.
        double[] values = [.. Enumerable.Range(0, n).Select(i => (double)(((long)i * 7919) % n))];
        Assert.AreEqual(n, values.Distinct().Count(), "a permutation of 0..n-1 (7919 is prime)");
        double[] expected = [.. Enumerable.Range(0, PointSample.MaxPoints).Select(k => (double)Math.Floor((k * (n - 1m) / 199m) + 0.5m))];

        double[] points = PointSample.Of(OrderStatisticSample.Of(values, ProfileBuilder.PointSampleLimit));

        CollectionAssert.AreEqual(expected, points);
        Assert.AreEqual(0.0, points[0]);
        Assert.AreEqual(n - 1.0, points[^1]);
    }

    [TestMethod]
    public void AtMostTheBoundEveryValueIsDrawnInItsOrder()
    {
        double[] values = [0.3, -0.1, 0.7, 0.0];

        CollectionAssert.AreEqual(values, PointSample.Of(values, limit: 4));
    }
}
