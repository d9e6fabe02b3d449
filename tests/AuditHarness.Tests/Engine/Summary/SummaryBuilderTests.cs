using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Results;
using AuditHarness.Engine.Pairs;
using AuditHarness.Engine.Summary;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Engine.Summary;

/// <summary>The summary on hand-made pair outcomes: reliance arithmetic, per-type judging, pooled Wilson rates, missing controls.</summary>
[TestClass]
public sealed class SummaryBuilderTests
{
    private static readonly BootstrapSettings Bootstrap = new(2000, 7, 0.95);

    [TestMethod]
    public void ScoreShiftIsTheMeanOfArtifactDropMinusPlaceboDrop()
    {
        // Off-artifact score deltas (artifact, placebo): (-0.5, -0.1), (-0.3, 0.0), (-0.1, -0.1).
        // Reliance per pair = 0.4, 0.3, 0.0; mean 0.7 / 3 = 0.2333; artifact drop mean 0.3, placebo 0.0667.
        PairOutcome[] outcomes = [Outcome("a", "ruler", -0.5, -0.1), Outcome("b", "ruler", -0.3, 0.0), Outcome("c", "ruler", -0.1, -0.1)];

        CheckResult result = SummaryBuilder.Judge("m", PolicyOf(Check(MetricKind.ScoreShift, 0.05, "ruler")), outcomes, Bootstrap).Single();

        Assert.AreEqual(3, result.Pairs);
        Assert.AreEqual(0.7 / 3, result.Estimate, 1e-12);
        Assert.AreEqual(0.3, result.ArtifactEffect, 1e-12);
        Assert.AreEqual(0.2 / 3, result.PlaceboEffect, 1e-12);
        Assert.IsLessThanOrEqualTo(result.Estimate, result.Low);
        Assert.IsGreaterThanOrEqualTo(result.Estimate, result.High);
        // Bootstrap resamples of {0.4, 0.3, 0.0} cannot go below 0 or above 0.4.
        Assert.IsGreaterThanOrEqualTo(-1e-12, result.Low);
        Assert.IsLessThanOrEqualTo(0.4 + 1e-12, result.High);
    }

    [TestMethod]
    public void StarCheckIsJudgedPerArtifactTypeInTheData()
    {
        PairOutcome[] outcomes = [Outcome("a", "ruler", -0.5, 0), Outcome("b", "ink", 0, 0), Outcome("c", "ruler", -0.4, 0)];

        IReadOnlyList<CheckResult> results = SummaryBuilder.Judge("m", PolicyOf(Check(MetricKind.ScoreShift, 0.05, "*")), outcomes, Bootstrap);

        CollectionAssert.AreEqual(new[] { "ink", "ruler" }, results.Select(r => r.ArtifactType).ToArray());
        Assert.AreEqual(Verdict.Pass, results[0].Verdict);
        Assert.AreEqual(Verdict.Fail, results[1].Verdict); // every resample of {0.5, 0.4} is above 0.05
    }

    [TestMethod]
    public void FlipRateCarriesThePooledRateWithItsWilsonInterval()
    {
        // 2 flips over 4 + 6 = 10 original detections: Wilson 95 % for 2/10 is 0.0567 to 0.5098
        // (centre (0.2 + 1.96²/20) / (1 + 1.96²/10) = 0.28327, half-width 1.96·√(0.016 + 0.009604) / 1.38416 = 0.22658).
        PairOutcome[] outcomes = [Outcome("a", "ruler", 0, 0, originals: 4, flips: 2), Outcome("b", "ruler", 0, 0, originals: 6, flips: 0)];

        CheckResult result = SummaryBuilder.Judge("m", PolicyOf(Check(MetricKind.FlipRate, 0.02, "ruler")), outcomes, Bootstrap).Single();

        Assert.AreEqual(0.2, result.ArtifactRate.Estimate, 1e-12);
        Assert.AreEqual(0.0567, result.ArtifactRate.Low, 1e-4);
        Assert.AreEqual(0.5098, result.ArtifactRate.High, 1e-4);
        // Per-pair flip rates 0.5 and 0 against a placebo of 0: reliance mean 0.25.
        Assert.AreEqual(0.25, result.Estimate, 1e-12);
    }

    [TestMethod]
    public void PairsWithoutAPlaceboLeaveTheCheckUnjudgedAsWarn()
    {
        PairOutcome[] outcomes = [Outcome("a", "dark_corners", -0.5, null)];

        CheckResult result = SummaryBuilder.Judge("m", PolicyOf(Check(MetricKind.ScoreShift, 0.05, "dark_corners")), outcomes, Bootstrap).Single();

        Assert.AreEqual(Verdict.Warn, result.Verdict);
        Assert.AreEqual(0, result.Pairs);
        StringAssert.Contains(result.Note, "no placebo");
    }

    private static PairOutcome Outcome(string id, string type, double artifactDelta, double? placeboDelta, int originals = 1, int flips = 0)
    {
        PredictionDelta Delta(double delta, int f) => new(originals, delta, originals, delta, f, 0, 0, 0, 0 - delta, originals, 0 - delta);
        PredictionDelta[] placebos = placeboDelta is double p ? [Delta(p, 0)] : [];
        return new PairOutcome(id, type, Delta(artifactDelta, flips), placebos, [], placebos.Select(_ => (IReadOnlyList<LayerChange>)[]).ToArray());
    }

    private static PolicyCheck Check(MetricKind metric, double threshold, string type) =>
        new("c", metric, [type], null, threshold, ThresholdDirection.Max, "test check");

    private static Policy PolicyOf(PolicyCheck check) => new("p", null, [check]);
}
