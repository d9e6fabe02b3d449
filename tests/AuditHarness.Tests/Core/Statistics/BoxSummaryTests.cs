using AuditHarness.Core.Statistics;

namespace AuditHarness.Tests.Core.Statistics;

[TestClass]
public sealed class BoxSummaryTests
{
    [TestMethod]
    public void QuartilesAreType7AsNumpy()
    {
        // numpy.percentile([1..10], [25, 50, 75]) = 3.25, 5.5, 7.75; given shuffled so the sort is exercised.
        BoxSummary box = BoxSummary.Describe([7, 2, 10, 4, 1, 9, 3, 8, 6, 5]);

        Assert.AreEqual(10, box.Count);
        Assert.AreEqual(1, box.Min);
        Assert.AreEqual(3.25, box.LowerQuartile, 1e-12);
        Assert.AreEqual(5.5, box.Median, 1e-12);
        Assert.AreEqual(7.75, box.UpperQuartile, 1e-12);
        Assert.AreEqual(10, box.Max);
        Assert.AreEqual(5.5, box.Mean, 1e-12);
    }

    [TestMethod]
    public void SkewedSampleKeepsMeanAndMedianApart()
    {
        // [0, 0, 0, 1]: quartiles at positions 0.75, 1.5, 2.25 are 0, 0, 0.25; the mean is 0.25.
        BoxSummary box = BoxSummary.Describe([0, 1, 0, 0]);

        Assert.AreEqual(0, box.LowerQuartile);
        Assert.AreEqual(0, box.Median);
        Assert.AreEqual(0.25, box.UpperQuartile, 1e-12);
        Assert.AreEqual(0.25, box.Mean, 1e-12);
    }

    [TestMethod]
    public void EmptyIsNoDataAndNaNIsRefused()
    {
        BoxSummary empty = BoxSummary.Describe([]);

        Assert.AreEqual(0, empty.Count);
        Assert.IsTrue(double.IsNaN(empty.Median) && double.IsNaN(empty.Min) && double.IsNaN(empty.Mean));
        Assert.ThrowsExactly<ArgumentException>(() => BoxSummary.Describe([1, double.NaN]));
    }
}
