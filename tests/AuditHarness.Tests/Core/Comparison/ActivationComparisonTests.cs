using AuditHarness.Core.Comparison;

namespace AuditHarness.Tests.Core.Comparison;

[TestClass]
public sealed class ActivationComparisonTests
{
    private const double Eps = ActivationComparison.SelectivityEpsilon;
    private static readonly int[] Shape2x2x2 = [1, 2, 2, 2];

    // Layout NCHW: value index = c * 4 + cell, cell = h * 2 + w.
    // A ch0 [1, 2, 3, 4]  ch1 [2, 2,  0, 0]
    // B ch0 [1, 1, 3, 2]  ch1 [1, 2, -2, 0]
    // D ch0 [0, 1, 0, 2]  ch1 [1, 0,  2, 0]
    // w     [0, 0, 0.5, 1]
    private static readonly float[] A = [1, 2, 3, 4, 2, 2, 0, 0];
    private static readonly float[] B = [1, 1, 3, 2, 1, 2, -2, 0];
    private static readonly float[] W = [0, 0, 0.5f, 1];

    private static LayerChange Compare(int[] shape, float[] a, float[] b, float[] w) =>
        ActivationComparison.Compare("model.9", shape, a, shape, b, w);

    [TestMethod]
    public void RelativeChangeIsTheNormOfTheDifferenceOverTheNormOfTheOriginal()
    {
        // ||A||² = 1+4+9+16 + 4+4 = 38; ||D||² = 0+1+0+4 + 1+0+4+0 = 10.
        Assert.AreEqual(Math.Sqrt(10.0 / 38.0), Compare(Shape2x2x2, A, B, W).RelativeChange, 1e-12);
    }

    [TestMethod]
    public void PooledCosineComparesTheChannelMeans()
    {
        // mean A = [10/4, 4/4] = [2.5, 1]; mean B = [7/4, (1+2-2+0)/4] = [1.75, 0.25].
        // dot = 2.5*1.75 + 1*0.25 = 4.625; |mA|² = 6.25 + 1 = 7.25; |mB|² = 3.0625 + 0.0625 = 3.125.
        Assert.AreEqual(4.625 / Math.Sqrt(7.25 * 3.125), Compare(Shape2x2x2, A, B, W).PooledCosine, 1e-12);
    }

    [TestMethod]
    public void InsideShareWeighsEachCellsSquaredChangeByItsArtifactCoverage()
    {
        // Σ_c D² per cell: [0+1, 1+0, 0+4, 4+0] = [1, 1, 4, 4], total 10.
        // inside = 0*1 + 0*1 + 0.5*4 + 1*4 = 6 -> 6/10 = 0.6; area share = (0.5 + 1) / 4 = 0.375.
        LayerChange change = Compare(Shape2x2x2, A, B, W);

        Assert.AreEqual(0.6, change.InsideShare, 1e-12);
        Assert.AreEqual(0.375, change.AreaShare, 1e-12);
        Assert.AreEqual(0.225, change.InsideShareExcess, 1e-12); // 0.6 - 0.375
        Assert.AreEqual("model.9", change.Tap);
    }

    [TestMethod]
    public void SelectivityIsWeightedMeanAbsoluteChangeOnTheRegionOverOffIt()
    {
        // Σw = 1.5, Σ(1-w) = 1 + 1 + 0.5 + 0 = 2.5.
        // ch0 |D| [0,1,0,2]: on = (0.5*0 + 1*2) / 1.5 = 4/3; off = (1*0 + 1*1 + 0.5*0 + 0*2) / 2.5 = 0.4.
        // ch1 |D| [1,0,2,0]: on = (0.5*2 + 1*0) / 1.5 = 2/3; off = (1*1 + 1*0 + 0.5*2 + 0*0) / 2.5 = 0.8.
        float[] selectivity = Compare(Shape2x2x2, A, B, W).ChannelSelectivity;

        Assert.HasCount(2, selectivity);
        Assert.AreEqual((4.0 / 3 + Eps) / (0.4 + Eps), selectivity[0], 1e-5); // ≈ 3.333
        Assert.AreEqual((2.0 / 3 + Eps) / (0.8 + Eps), selectivity[1], 1e-5); // ≈ 0.833
    }

    [TestMethod]
    public void IdenticalActivationsGiveNoChangeAndAnUndefinedInsideShare()
    {
        LayerChange change = Compare(Shape2x2x2, A, A, W);

        Assert.AreEqual(0.0, change.RelativeChange);
        Assert.AreEqual(1.0, change.PooledCosine, 1e-12);
        Assert.IsTrue(double.IsNaN(change.InsideShare));
        Assert.IsTrue(double.IsNaN(change.InsideShareExcess));
        Assert.AreEqual(0.375, change.AreaShare, 1e-12);
        // Unchanged channels: (0 + ε) / (0 + ε) = 1, the neutral ratio.
        CollectionAssert.AreEqual(new[] { 1f, 1f }, change.ChannelSelectivity);
    }

    [TestMethod]
    public void ZeroOriginalWithAChangeIsAnInfiniteRelativeChange()
    {
        float[] zero = new float[8];
        float[] some = [0, 0, 0, 1, 0, 0, 0, 0];

        LayerChange change = Compare(Shape2x2x2, zero, some, W);

        Assert.IsTrue(double.IsPositiveInfinity(change.RelativeChange));
        Assert.AreEqual(0.0, change.PooledCosine); // exactly one pooled vector is zero
    }

    [TestMethod]
    public void ZeroOriginalAndZeroVariantAreNoChangeWithCosineOne()
    {
        float[] zero = new float[8];

        LayerChange change = Compare(Shape2x2x2, zero, zero, W);

        Assert.AreEqual(0.0, change.RelativeChange);
        Assert.AreEqual(1.0, change.PooledCosine);
    }

    [TestMethod]
    public void NegatedActivationHasCosineMinusOneAndRelativeChangeTwo()
    {
        float[] negated = [.. A.Select(v => -v)];

        LayerChange change = Compare(Shape2x2x2, A, negated, W);

        Assert.AreEqual(-1.0, change.PooledCosine, 1e-12);
        Assert.AreEqual(2.0, change.RelativeChange, 1e-12); // D = 2A, so ||D|| / ||A|| = 2
    }

    [TestMethod]
    public void MovingActivationWithinAChannelChangesTheTensorButNotThePooledVector()
    {
        // C=1: A [1,0,0,0], B [0,0,0,1]: D [1,0,0,-1], ||D||² = 2, ||A||² = 1; both channel means 1/4.
        int[] shape = [1, 1, 2, 2];

        LayerChange change = Compare(shape, [1, 0, 0, 0], [0, 0, 0, 1], W);

        Assert.AreEqual(Math.Sqrt(2), change.RelativeChange, 1e-12);
        Assert.AreEqual(1.0, change.PooledCosine, 1e-12);
        // cells D² [1,0,0,1]: inside = 0*1 + 1*1 = 1 of 2 -> 0.5.
        Assert.AreEqual(0.5, change.InsideShare, 1e-12);
    }

    [TestMethod]
    public void RegionOffTheGridLeavesSelectivityUndefinedAndNothingInside()
    {
        LayerChange change = Compare(Shape2x2x2, A, B, new float[4]);

        Assert.AreEqual(0.0, change.AreaShare);
        Assert.AreEqual(0.0, change.InsideShare); // 0 of ||D||² = 10
        Assert.AreEqual(0.0, change.InsideShareExcess);
        Assert.IsTrue(change.ChannelSelectivity.All(float.IsNaN));
    }

    [TestMethod]
    public void RegionCoveringTheWholeGridLeavesSelectivityUndefinedAndEverythingInside()
    {
        LayerChange change = Compare(Shape2x2x2, A, B, [1, 1, 1, 1]);

        Assert.AreEqual(1.0, change.AreaShare);
        Assert.AreEqual(1.0, change.InsideShare, 1e-12); // 10 of 10
        Assert.AreEqual(0.0, change.InsideShareExcess, 1e-12);
        Assert.IsTrue(change.ChannelSelectivity.All(float.IsNaN));
    }

    [TestMethod]
    public void DifferentShapesAreRejectedNamingBoth()
    {
        int[] other = [1, 2, 2, 3];

        ArgumentException e = Assert.ThrowsExactly<ArgumentException>(
            () => ActivationComparison.Compare("model.9", Shape2x2x2, A, other, new float[12], W));

        StringAssert.Contains(e.Message, "[1, 2, 2, 2]");
        StringAssert.Contains(e.Message, "[1, 2, 2, 3]");
    }

    [TestMethod]
    public void ValuesNotMatchingTheShapeAreRejected()
    {
        ArgumentException e = Assert.ThrowsExactly<ArgumentException>(() => Compare(Shape2x2x2, A, new float[7], W));

        StringAssert.Contains(e.Message, "[1, 2, 2, 2]");
    }

    [TestMethod]
    public void CellWeightsOfTheWrongLengthAreRejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => Compare(Shape2x2x2, A, B, [0, 0, 1]));
    }

    [TestMethod]
    public void CellWeightOutsideZeroToOneIsRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Compare(Shape2x2x2, A, B, [0, 0, 1.5f, 0]));
    }

    [TestMethod]
    public void BatchOtherThanOneIsRejected()
    {
        int[] batch2 = [2, 1, 2, 2];

        Assert.ThrowsExactly<ArgumentException>(() => Compare(batch2, A, B, W));
    }
}
