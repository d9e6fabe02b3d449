using AuditHarness.Core.Specs;
using AuditHarness.Core.Statistics;
using AuditHarness.Engine.Tracing;

namespace AuditHarness.Tests.Engine.Tracing;

[TestClass]
public sealed class RecoveredShareTests
{
    private static readonly BootstrapSettings Bootstrap = new(10_000, 7, 0.95);

    [TestMethod]
    public void TheShareIsPooledOverPairsNotAveraged()
    {
        // Drops 0.3 of 0.4, 0.05 of 0.1 and 0.5 of 0.5: pooled (0.3 + 0.05 + 0.5) / (0.4 + 0.1 + 0.5) = 0.85, while the
        // mean of the per-pair shares would be (0.75 + 0.5 + 1) / 3 = 0.75.
        Interval share = RecoveredShare.Of([("s:A", 0.3, 0.4), ("s:B", 0.05, 0.1), ("s:C", 0.5, 0.5)], Bootstrap).Interval;

        Assert.AreEqual(0.85, share.Estimate, 1e-12);
    }

    [TestMethod]
    public void TheIntervalResamplesWholeSubjectsAndRecomputesTheRatio()
    {
        // Two subjects: A (two pairs: drops 0.2 + 0.1 of effects 0.4 + 0.2, ratio 0.5) and B (0.8 of 0.8, ratio 1). A
        // resample of two clusters is AA (0.5), AB or BA ((0.3 + 0.8) / (0.6 + 0.8) = 0.7857), or BB (1), with chances
        // 1/4, 1/2, 1/4: the 2.5 % and 97.5 % quantiles of 10000 resamples are 0.5 and 1. Had pairs been resampled
        // (three clusters), the smallest replicate would be the lone pair ratio 0.5 too, but the estimate is the pooled
        // (0.2 + 0.1 + 0.8) / (0.4 + 0.2 + 0.8).
        Interval share = RecoveredShare.Of([("s:A", 0.2, 0.4), ("s:B", 0.8, 0.8), ("s:A", 0.1, 0.2)], Bootstrap).Interval;

        Assert.AreEqual(1.1 / 1.4, share.Estimate, 1e-12);
        Assert.AreEqual(0.5, share.Low, 1e-12);
        Assert.AreEqual(1.0, share.High, 1e-12);
    }

    [TestMethod]
    public void SubjectsWithTheSameRatioGiveADegenerateIntervalAndNoPairsNone()
    {
        Interval same = RecoveredShare.Of([("s:A", 0.1, 0.2), ("s:B", 0.3, 0.6)], Bootstrap).Interval;
        Interval none = RecoveredShare.Of([], Bootstrap).Interval;

        Assert.AreEqual(0.5, same.Estimate, 1e-12);
        Assert.AreEqual(same.Estimate, same.Low);
        Assert.AreEqual(same.Estimate, same.High);
        Assert.IsTrue(none.IsUndefined);
    }

    [TestMethod]
    [DataRow(0, double.NaN, false, "no detections")]
    [DataRow(2, 0.019, false, "below one point per detection")]
    [DataRow(2, -0.5, false, "removing the artifact raised the score")]
    [DataRow(2, 0.02, true, "exactly one point per detection")]
    [DataRow(1, 0.4, true, "a clear effect")]
    public void APairEntersTheShareOnlyWithAnEffectOfAPointPerDetection(int detections, double effect, bool enters, string why)
    {
        Assert.AreEqual(enters, TracePairRecord.HasEffect(detections, effect), why);
    }
}
