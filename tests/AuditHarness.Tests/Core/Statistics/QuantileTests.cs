using AuditHarness.Core.Statistics;

namespace AuditHarness.Tests.Core.Statistics;

[TestClass]
public sealed class QuantileTests
{
    [TestMethod]
    [DataRow(0.0, 1.0)]   // h = 0            -> x[0]
    [DataRow(1.0, 4.0)]   // h = 3            -> x[3]
    [DataRow(0.5, 2.5)]   // h = 1.5          -> 2 + 0.5 * (3 - 2)
    [DataRow(0.25, 1.75)] // h = 0.75         -> 1 + 0.75 * (2 - 1)
    [DataRow(0.9, 3.7)]   // h = 2.7          -> 3 + 0.7 * (4 - 3)
    [DataRow(0.025, 1.075)] // h = 0.075      -> 1 + 0.075 * (2 - 1)
    public void InterpolatesLinearlyAtPositionNMinusOneTimesP(double probability, double expected)
    {
        // Type 7 on 1, 2, 3, 4: h = (n - 1) p = 3p, worked by hand per row.
        Assert.AreEqual(expected, Quantile.OfSorted([1, 2, 3, 4], probability), 1e-12);
    }

    [TestMethod]
    public void MatchesNumpysDocumentedMedianExample()
    {
        // numpy.percentile documentation: a = [[10, 7, 4], [3, 2, 1]], np.percentile(a, 50) -> 3.5
        // (sorted 1, 2, 3, 4, 7, 10; h = 2.5 -> 3 + 0.5 * (4 - 3)).
        double[] values = [10, 7, 4, 3, 2, 1];

        Assert.AreEqual(3.5, Quantile.Of(values, 0.5), 1e-12);
        CollectionAssert.AreEqual(new double[] { 10, 7, 4, 3, 2, 1 }, values, "the input must not be reordered");
    }

    [TestMethod]
    public void SingleValueIsEveryQuantileAndEmptyHasNone()
    {
        Assert.AreEqual(7.0, Quantile.OfSorted([7], 0.3));
        Assert.IsTrue(double.IsNaN(Quantile.OfSorted([], 0.5)));
    }

    [TestMethod]
    [DataRow(-0.01)]
    [DataRow(1.01)]
    [DataRow(double.NaN)]
    public void ProbabilityOutsideTheUnitIntervalIsRejected(double probability)
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Quantile.OfSorted([1, 2], probability));

        Assert.AreEqual("probability", error.ParamName);
        Assert.Contains("between 0 and 1", error.Message);
    }
}
