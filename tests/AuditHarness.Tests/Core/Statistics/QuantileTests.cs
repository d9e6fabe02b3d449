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

    [TestMethod]
    [DataRow(0.5, 3.5)]
    [DataRow(0.0, 1.0)]
    [DataRow(1.0, 10.0)]
    [DataRow(0.9, 8.5)] // h = 4.5 -> 7 + 0.5 * (10 - 7)
    public void UnsortedSelectionGivesTheWorkedQuantileOfNumpysExample(double probability, double expected)
    {
        // The same six values out of order (sorted 1, 2, 3, 4, 7, 10), worked by hand per row.
        double[] values = [10, 7, 4, 3, 2, 1];

        Assert.AreEqual(expected, Quantile.OfUnsorted(values, probability), 1e-12);
    }

    [TestMethod]
    [DataRow(1, 0)]
    [DataRow(2, 1)]
    [DataRow(3, 2)]
    [DataRow(10, 3)]
    [DataRow(1000, 4)]
    [DataRow(10000, 5)]
    public void UnsortedSelectionGivesTheSortedQuantileBitForBit(int count, int seed)
    {
        // Random values with many ties (rounded to a coarse grid) and with none, at a bootstrap's tails and elsewhere:
        // selection must give exactly the bits of a sort followed by OfSorted.
        var random = new Random(seed);
        foreach (bool ties in new[] { true, false })
        {
            double[] values = [.. Enumerable.Range(0, count).Select(_ => ties ? Math.Round(random.NextDouble() * 20) / 4 : random.NextDouble() - 0.3)];
            double[] sorted = [.. values];
            Array.Sort(sorted);
            foreach (double p in new[] { 0, 0.025, 0.975, 0.5, 0.3333, 0.99999, 1 })
            {
                double[] scratch = [.. values];
                double selected = Quantile.OfUnsorted(scratch, p);

                Assert.AreEqual(BitConverter.DoubleToInt64Bits(Quantile.OfSorted(sorted, p)), BitConverter.DoubleToInt64Bits(selected), $"n {count}, ties {ties}, p {p}");
                CollectionAssert.AreEquivalent(values, scratch, "selection only reorders");
            }
        }
    }

    [TestMethod]
    public void UnsortedSelectionOfAlreadySortedAndReversedValuesStillWorks()
    {
        // Ordered input is the classic bad case of a naive pivot; the median-of-three pivot must still find x[h].
        double[] ascending = [.. Enumerable.Range(0, 5001).Select(i => (double)i)];
        double[] descending = [.. ascending.Reverse()];

        // h = 5000 * 0.025 = 125 exactly for both.
        Assert.AreEqual(125.0, Quantile.OfUnsorted(ascending, 0.025));
        Assert.AreEqual(125.0, Quantile.OfUnsorted(descending, 0.025));
    }

    [TestMethod]
    public void UnsortedSelectionRefusesNaNAndGivesNaNForNoValues()
    {
        Assert.ThrowsExactly<ArgumentException>(() => Quantile.OfUnsorted(new double[] { 1, double.NaN, 2 }, 0.5));
        Assert.IsTrue(double.IsNaN(Quantile.OfUnsorted(Span<double>.Empty, 0.5)));
    }
}
