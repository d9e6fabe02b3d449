using AuditHarness.Core.Statistics;

namespace AuditHarness.Tests.Core.Statistics;

[TestClass]
public sealed class RatioDifferenceBootstrapTests
{
    [TestMethod]
    public void PairedChangeIsTheDifferenceOfTheTwoRatiosAndItsBoundsTheExtremeDraws()
    {
        // Two clusters. A: baseline 1/4, candidate 3/4; B: baseline 0/2, candidate 3/3. By hand: candidate 6/7, baseline
        // 1/6, change 29/42. A resample is AA (change 6/8 - 2/8 = 0.5), BB (6/6 - 0/4 = 1) or AB (29/42), AA and BB a
        // quarter each, so the 2.5 % and 97.5 % quantiles sit inside the AA and BB atoms.
        Interval change = RatioDifferenceBootstrap.Paired([1, 0], [4, 2], [3, 3], [4, 3], 0.95, 2000, 11);

        Assert.AreEqual(29.0 / 42, change.Estimate, 1e-12);
        Assert.AreEqual(0.5, change.Low, 1e-12);
        Assert.AreEqual(1.0, change.High, 1e-12);
    }

    [TestMethod]
    public void PairingCancelsWhatASubjectSharesBetweenTheRunsWhileIndependentResamplingDoesNot()
    {
        // Each subject's candidate ratio is its baseline ratio + 0.1 (A: 0 -> 0.1, B: 1 -> 1.1, weights 1): every paired
        // resample changes by exactly 0.1. Independently, the extremes are candidate AA minus baseline BB (0.1 - 1) and
        // candidate BB minus baseline AA (1.1 - 0), each with probability 1/16, beyond the 2.5 % tails.
        double[] baseline = [0, 1], candidate = [0.1, 1.1], weights = [1, 1];

        Interval paired = RatioDifferenceBootstrap.Paired(baseline, weights, candidate, weights, 0.95, 2000, 3);
        Interval independent = RatioDifferenceBootstrap.Independent(baseline, weights, candidate, weights, 0.95, 2000, 3);

        Assert.AreEqual(0.1, paired.Estimate, 1e-12);
        Assert.AreEqual(0.1, paired.Low, 1e-12);
        Assert.AreEqual(0.1, paired.High, 1e-12);
        Assert.AreEqual(0.1, independent.Estimate, 1e-12);
        Assert.AreEqual(-0.9, independent.Low, 1e-12);
        Assert.AreEqual(1.1, independent.High, 1e-12);
    }

    [TestMethod]
    public void AClusterWithoutAValueInOneRunCountsInTheOtherRunOnly()
    {
        // C has no baseline value (weight 0): baseline (1 + 0) / (2 + 2) = 0.25, candidate (2 + 2 + 3) / (2 + 2 + 1) = 1.4.
        Interval change = RatioDifferenceBootstrap.Paired([1, 0, 0], [2, 2, 0], [2, 2, 3], [2, 2, 1], 0.95, 2000, 5);

        Assert.AreEqual(1.4 - 0.25, change.Estimate, 1e-12);
        Assert.IsTrue(double.IsFinite(change.Low) && double.IsFinite(change.High));
        Assert.IsLessThanOrEqualTo(change.High, change.Low);
    }

    [TestMethod]
    public void TheSameSeedGivesTheSameBitsAndARunWithoutWeightNoInterval()
    {
        double[] bn = [1, 2, 0, 5], bd = [3, 4, 2, 6], cn = [2, 2, 1, 1], cd = [3, 5, 2, 4];
        Assert.AreEqual(RatioDifferenceBootstrap.Paired(bn, bd, cn, cd, 0.9, 500, 42), RatioDifferenceBootstrap.Paired(bn, bd, cn, cd, 0.9, 500, 42));
        Assert.AreEqual(RatioDifferenceBootstrap.Independent(bn, bd, cn, cd, 0.9, 500, 42), RatioDifferenceBootstrap.Independent(bn, bd, cn, cd, 0.9, 500, 42));
        Assert.IsTrue(RatioDifferenceBootstrap.Paired([1], [0], [1], [1]).IsUndefined);
        Assert.ThrowsExactly<ArgumentException>(() => RatioDifferenceBootstrap.Paired([1, 2], [1, 1], [1], [1]));
    }
}
