using AuditHarness.Core.Metrics;

namespace AuditHarness.Tests.Core.Metrics;

[TestClass]
public sealed class TensorStatisticsTests
{
    [TestMethod]
    public void HandWorkedExample()
    {
        // values 2,4,4,4,5,5,7,9: mean 5, population variance 32/8 = 4, sum of squares 232.
        TensorStatistics stats = TensorStatistics.Compute([2f, 4f, 4f, 4f, 5f, 5f, 7f, 9f]);

        Assert.AreEqual(8, stats.Count);
        Assert.AreEqual(5.0, stats.Mean, 1e-12);
        Assert.AreEqual(2.0, stats.StandardDeviation, 1e-12);
        Assert.AreEqual(2.0, stats.Min);
        Assert.AreEqual(9.0, stats.Max);
        Assert.AreEqual(Math.Sqrt(232), stats.L2Norm, 1e-12);
    }

    [TestMethod]
    public void LargeOffsetDoesNotDestroyTheVariance()
    {
        // 1e6 + {0,1}: a one-pass float formula would lose the variance 0.25 entirely.
        float[] values = [.. Enumerable.Range(0, 1000).Select(i => 1_000_000f + (i % 2))];

        Assert.AreEqual(0.5, TensorStatistics.Compute(values).StandardDeviation, 1e-9);
    }

    [TestMethod]
    public void EmptyTensorHasNoMean()
    {
        Assert.IsTrue(double.IsNaN(TensorStatistics.Compute([]).Mean));
    }
}
