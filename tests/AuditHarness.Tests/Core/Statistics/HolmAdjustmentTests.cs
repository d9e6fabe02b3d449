using AuditHarness.Core.Statistics;

namespace AuditHarness.Tests.Core.Statistics;

[TestClass]
public sealed class HolmAdjustmentTests
{
    [TestMethod]
    public void StepDownValuesMatchHandComputation()
    {
        // Sorted: 0.005 x 4 = 0.02; 0.01 x 3 = 0.03; 0.03 x 2 = 0.06; 0.04 x 1 = 0.04, raised to the running 0.06.
        double[] adjusted = HolmAdjustment.Adjust([0.01, 0.04, 0.03, 0.005]);

        Assert.AreEqual(0.03, adjusted[0], 1e-15);
        Assert.AreEqual(0.06, adjusted[1], 1e-15);
        Assert.AreEqual(0.06, adjusted[2], 1e-15);
        Assert.AreEqual(0.02, adjusted[3], 1e-15);
    }

    [TestMethod]
    public void NaNIsLeftOutOfTheFamilyAndValuesAreCappedAtOne()
    {
        // Family of two: 0.3 x 2 = 0.6; 0.7 x 1 = 0.7. A third, large value in a family of three caps at 1.
        double[] adjusted = HolmAdjustment.Adjust([0.7, double.NaN, 0.3]);
        double[] capped = HolmAdjustment.Adjust([0.5, 0.6, 0.9]);

        Assert.AreEqual(0.7, adjusted[0], 1e-15);
        Assert.IsTrue(double.IsNaN(adjusted[1]));
        Assert.AreEqual(0.6, adjusted[2], 1e-15);
        CollectionAssert.AreEqual(new[] { 1.0, 1.0, 1.0 }, capped);
    }

    [TestMethod]
    public void TiesGetTheSameValueAndAFamilyOfOneIsUnchanged()
    {
        double[] tied = HolmAdjustment.Adjust([0.02, 0.02, 0.5]);

        Assert.AreEqual(0.06, tied[0], 1e-15);
        Assert.AreEqual(0.06, tied[1], 1e-15);
        Assert.AreEqual(0.5, tied[2], 1e-15);
        Assert.AreEqual(0.013, HolmAdjustment.Adjust([0.013])[0]);
        Assert.IsEmpty(HolmAdjustment.Adjust([]));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => HolmAdjustment.Adjust([1.5]));
    }
}
