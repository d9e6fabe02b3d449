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
        // Rounded to bfloat16 (8 significant bits: steps of 2^-6 in [2, 4), 2^-8 in [0.5, 1)): 3.3333 lies between
        // 3 + 21/64 and 3 + 22/64, 0.83333 between 213/256 and 214/256, both nearer the first.
        Assert.AreEqual(3 + (21.0 / 64), selectivity[0]); // (4/3 + ε) / (0.4 + ε) ≈ 3.3333
        Assert.AreEqual(213.0 / 256, selectivity[1]); // (2/3 + ε) / (0.8 + ε) ≈ 0.83333
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

    [TestMethod]
    [DataRow(16, 20, 20, 1)] // 400 cells: whole vectors only
    [DataRow(3, 7, 9, 2)] // 63 cells: vectors and a scalar tail
    [DataRow(5, 1, 5, 3)] // 5 cells: shorter than one vector
    [DataRow(64, 40, 40, 4)] // a model.4-sized layer
    public void VectorisedComparisonEqualsAPlainDoubleLoopOnRandomTensors(int channels, int height, int width, int seed)
    {
        var random = new Random(seed);
        int cells = height * width;
        float[] a = RandomValues(random, channels * cells, -3, 3);
        float[] b = new float[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            b[i] = a[i] + (float)((random.NextDouble() - 0.5) * 0.5);
        }

        float[] w = new float[cells];
        for (int i = 0; i < cells; i++)
        {
            // Cells fully off, fully on and partly covered, as a mask area-averaged onto a grid gives.
            w[i] = (i % 5) switch { 0 or 1 => 0f, 2 => 1f, _ => (float)random.NextDouble() };
        }

        LayerChange change = ActivationComparison.Compare("t", [1, channels, height, width], a, [1, channels, height, width], b, w);

        // The definitions, summed strictly in order, element by element.
        double sumA2 = 0, sumD2 = 0, insideD2 = 0, sumW = 0, sumOff = 0, dot = 0, pooledA2 = 0, pooledB2 = 0;
        for (int i = 0; i < cells; i++)
        {
            sumW += w[i];
            sumOff += 1.0 - w[i];
        }

        var selectivity = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            double meanA = 0, meanB = 0, on = 0, off = 0;
            for (int i = 0; i < cells; i++)
            {
                double av = a[c * cells + i], bv = b[c * cells + i], d = av - bv;
                sumA2 += av * av;
                sumD2 += d * d;
                insideD2 += w[i] * d * d;
                meanA += av / cells;
                meanB += bv / cells;
                on += w[i] * Math.Abs(d);
                off += (1.0 - w[i]) * Math.Abs(d);
            }

            dot += meanA * meanB;
            pooledA2 += meanA * meanA;
            pooledB2 += meanB * meanB;
            selectivity[c] = (on / sumW + Eps) / (off / sumOff + Eps);
        }

        AssertRelative(Math.Sqrt(sumD2 / sumA2), change.RelativeChange, 1e-12);
        AssertRelative(dot / Math.Sqrt(pooledA2 * pooledB2), change.PooledCosine, 1e-12);
        AssertRelative(insideD2 / sumD2, change.InsideShare, 1e-12);
        AssertRelative(sumW / cells, change.AreaShare, 1e-12);
        Assert.HasCount(channels, change.ChannelSelectivity);
        for (int c = 0; c < channels; c++)
        {
            // Kept as bfloat16: within half its spacing (2^-8 relative) of the reference, and exactly a bfloat16.
            AssertRelative(selectivity[c], change.ChannelSelectivity[c], 1.0 / 256);
            Assert.AreEqual(0, BitConverter.SingleToInt32Bits(change.ChannelSelectivity[c]) & 0xFFFF, $"channel {c} has float32 bits below bfloat16's");
        }
    }

    [TestMethod]
    public void LargeOffsetsDoNotCancelInTheVectorisedSums()
    {
        // Activations near 1000 with changes of 2^-10: float accumulators would be off by about 1e-7 relative, doubles are exact here.
        const int channels = 8, cells = 64;
        float[] a = new float[channels * cells];
        float[] b = new float[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = 1000f;
            b[i] = 1000f - 0.0009765625f; // 2^-10, exactly representable next to 1000
        }

        float[] w = new float[cells];
        LayerChange change = ActivationComparison.Compare("t", [1, channels, 8, 8], a, [1, channels, 8, 8], b, w);

        // ||D|| / ||A|| = 2^-10 / 1000 exactly, since every element changes by the same amount.
        AssertRelative(0.0009765625 / 1000, change.RelativeChange, 1e-12);
    }

    private static float[] RandomValues(Random random, int count, double low, double high)
    {
        float[] values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(low + random.NextDouble() * (high - low));
        }

        return values;
    }

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.IsLessThanOrEqualTo(tolerance, Math.Abs(actual - expected) / Math.Abs(expected), $"expected {expected:R}, got {actual:R}");
}
