using AuditHarness.Core.Policies;

namespace AuditHarness.Tests.Core.Policies;

[TestClass]
public sealed class PolicyEvaluatorTests
{
    // Threshold 0.05 as a maximum: the wrong side is strictly above 0.05.
    [TestMethod]
    [DataRow(0.05, 0.03, 0.07, Verdict.Pass, DisplayName = "estimate exactly at the threshold passes")]
    [DataRow(0.05, 0.05, 0.05, Verdict.Pass, DisplayName = "degenerate interval on the threshold passes")]
    [DataRow(0.04, 0.02, 0.06, Verdict.Pass, DisplayName = "estimate below, interval reaching above, passes")]
    [DataRow(0.00, -0.01, 0.01, Verdict.Pass, DisplayName = "well below passes")]
    [DataRow(0.06, 0.04, 0.08, Verdict.Warn, DisplayName = "estimate above, interval includes the threshold, warns")]
    [DataRow(0.06, 0.05, 0.07, Verdict.Warn, DisplayName = "interval touching the threshold from above warns")]
    [DataRow(0.06, 0.0500001, 0.07, Verdict.Fail, DisplayName = "interval just above the threshold fails")]
    [DataRow(0.74, 0.70, 0.78, Verdict.Fail, DisplayName = "the shortcut model's ruler shift fails")]
    public void MaximumThresholdVerdicts(double estimate, double low, double high, Verdict expected)
    {
        PolicyCheck check = Check(0.05, ThresholdDirection.Max);

        Assert.AreEqual(expected, PolicyEvaluator.Evaluate(check, new CheckEstimate(estimate, low, high)));
    }

    // Threshold 0.9 as a minimum: the wrong side is strictly below 0.9.
    [TestMethod]
    [DataRow(0.90, 0.85, 0.95, Verdict.Pass, DisplayName = "estimate exactly at the minimum passes")]
    [DataRow(0.92, 0.88, 0.95, Verdict.Pass, DisplayName = "estimate above, interval reaching below, passes")]
    [DataRow(0.88, 0.85, 0.95, Verdict.Warn, DisplayName = "estimate below, interval includes the minimum, warns")]
    [DataRow(0.88, 0.85, 0.90, Verdict.Warn, DisplayName = "interval touching the minimum from below warns")]
    [DataRow(0.88, 0.85, 0.8999999, Verdict.Fail, DisplayName = "interval just below the minimum fails")]
    public void MinimumThresholdVerdicts(double estimate, double low, double high, Verdict expected)
    {
        PolicyCheck check = Check(0.9, ThresholdDirection.Min);

        Assert.AreEqual(expected, PolicyEvaluator.Evaluate(check, new CheckEstimate(estimate, low, high)));
    }

    [TestMethod]
    public void NegativeThresholdsCompareBySign()
    {
        // A minimum of -0.02: -0.03 is below it (wrong side), -0.01 above it.
        PolicyCheck check = Check(-0.02, ThresholdDirection.Min);

        Assert.AreEqual(Verdict.Fail, PolicyEvaluator.Evaluate(check, new CheckEstimate(-0.03, -0.04, -0.025)));
        Assert.AreEqual(Verdict.Pass, PolicyEvaluator.Evaluate(check, new CheckEstimate(-0.01, -0.03, 0.0)));
    }

    [TestMethod]
    public void OverallVerdictIsTheWorst()
    {
        Assert.AreEqual(Verdict.Warn, PolicyEvaluator.Overall([Verdict.Pass, Verdict.Warn, Verdict.Pass]));
        Assert.AreEqual(Verdict.Fail, PolicyEvaluator.Overall([Verdict.Warn, Verdict.Fail, Verdict.Pass]));
        // INCONCLUSIVE sits between WARN and FAIL: worse than any judged pass or warn, not as bad as a shown failure.
        Assert.AreEqual(Verdict.Inconclusive, PolicyEvaluator.Overall([Verdict.Warn, Verdict.Inconclusive, Verdict.Pass]));
        Assert.AreEqual(Verdict.Fail, PolicyEvaluator.Overall([Verdict.Inconclusive, Verdict.Fail]));
        Assert.AreEqual(Verdict.Pass, PolicyEvaluator.Overall([Verdict.Pass]));
    }

    [TestMethod]
    public void OverallVerdictOfNoChecksIsPass()
    {
        Assert.AreEqual(Verdict.Pass, PolicyEvaluator.Overall([]));
    }

    [TestMethod]
    public void EstimateOutsideItsIntervalIsRejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new CheckEstimate(0.1, 0.2, 0.3));
        Assert.ThrowsExactly<ArgumentException>(() => new CheckEstimate(0.4, 0.2, 0.3));
    }

    [TestMethod]
    public void NonFiniteEstimateIsRejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new CheckEstimate(double.NaN, 0, 1));
        Assert.ThrowsExactly<ArgumentException>(() => new CheckEstimate(0.5, 0, double.PositiveInfinity));
    }

    [TestMethod]
    public void CheckAppliesToNamedTypesOrAllThroughStar()
    {
        PolicyCheck ruler = Check(0.05, ThresholdDirection.Max) with { ArtifactTypes = ["ruler"] };
        PolicyCheck all = Check(0.05, ThresholdDirection.Max) with { ArtifactTypes = ["*"] };

        Assert.IsTrue(ruler.AppliesTo("ruler"));
        Assert.IsFalse(ruler.AppliesTo("ink"));
        Assert.IsTrue(all.AppliesTo("ink"));
    }

    private static PolicyCheck Check(double threshold, ThresholdDirection direction)
        => new("c", MetricKind.ScoreShift, ["*"], null, threshold, direction, null);
}
