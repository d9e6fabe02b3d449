using AuditHarness.Core.Statistics;

namespace AuditHarness.Tests.Core.Statistics;

[TestClass]
public sealed class SampleSummaryTests
{
    [TestMethod]
    public void HandWorkedEvenCount()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 40/8 = 5; median (4 + 5)/2 = 4.5; squared deviations
        // 9+1+1+1+0+0+4+16 = 32, sample variance 32/7, sd sqrt(32/7) = 2.138090.
        SampleSummary summary = SampleSummary.Describe([9, 4, 2, 5, 4, 7, 4, 5]);

        Assert.AreEqual(8, summary.Count);
        Assert.AreEqual(5.0, summary.Mean, 1e-12);
        Assert.AreEqual(4.5, summary.Median, 1e-12);
        Assert.AreEqual(Math.Sqrt(32.0 / 7), summary.StandardDeviation, 1e-12);
        Assert.AreEqual(2.138090, summary.StandardDeviation, 1e-6);
    }

    [TestMethod]
    public void MedianOfAnOddCountIsTheMiddleValue()
    {
        // 3, 1, 2 -> sorted 1, 2, 3; mean 2; sd sqrt((1 + 0 + 1)/2) = 1.
        SampleSummary summary = SampleSummary.Describe([3, 1, 2]);

        Assert.AreEqual(2.0, summary.Median);
        Assert.AreEqual(1.0, summary.StandardDeviation, 1e-12);
    }

    [TestMethod]
    public void SingleValueHasNoSampleStandardDeviation()
    {
        SampleSummary summary = SampleSummary.Describe([0.7]);

        Assert.AreEqual(1, summary.Count);
        Assert.AreEqual(0.7, summary.Mean);
        Assert.AreEqual(0.7, summary.Median);
        Assert.IsTrue(double.IsNaN(summary.StandardDeviation));
    }

    [TestMethod]
    public void EmptyHasCountZeroAndNoFigures()
    {
        SampleSummary summary = SampleSummary.Describe([]);

        Assert.AreEqual(0, summary.Count);
        Assert.IsTrue(double.IsNaN(summary.Mean) && double.IsNaN(summary.Median) && double.IsNaN(summary.StandardDeviation));
    }

    [TestMethod]
    public void LargeOffsetDoesNotDestroyTheSpread()
    {
        // 1e9 + {0, 1} alternating, 1000 values: sample variance (1000 * 0.25) / 999, sd 0.500250.
        double[] values = [.. Enumerable.Range(0, 1000).Select(i => 1e9 + (i % 2))];

        Assert.AreEqual(Math.Sqrt(250.0 / 999), SampleSummary.Describe(values).StandardDeviation, 1e-9);
    }

    [TestMethod]
    public void InputIsNotReordered()
    {
        double[] values = [3, 1, 2];

        SampleSummary.Describe(values);

        CollectionAssert.AreEqual(new double[] { 3, 1, 2 }, values);
    }
}
