using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Statistics;
using AuditHarness.Results;
using AuditHarness.Engine.Pairs;
using AuditHarness.Engine.Summary;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Engine.Summary;

/// <summary>The summary on hand-made pair outcomes: reliance arithmetic, per-type judging, pooled rates, subject clusters, Holm, missing controls.</summary>
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
    public void FlipRateIsPooledOverTheOriginalDetectionsNotAveragedOverPairs()
    {
        // 2 flips over 4 + 6 = 10 original detections against no placebo flips: 0.2 (the mean of the pairs' rates,
        // 0.5 and 0, would be 0.25).
        PairOutcome[] outcomes = [Outcome("a", "ruler", 0, 0, originals: 4, flips: 2), Outcome("b", "ruler", 0, 0, originals: 6, flips: 0)];

        CheckResult result = SummaryBuilder.Judge("m", PolicyOf(Check(MetricKind.FlipRate, 0.02, "ruler")), outcomes, Bootstrap).Single();

        Assert.AreEqual(0.2, result.Estimate, 1e-12);
        Assert.AreEqual(0.2, result.ArtifactEffect, 1e-12);
        Assert.AreEqual(0.0, result.PlaceboEffect, 1e-12);
        // Resamples: both pairs a (4/8 = 0.5), both b (0), one of each (0.2): the interval spans 0 to 0.5.
        Assert.AreEqual(0.0, result.Low, 1e-12);
        Assert.AreEqual(0.5, result.High, 1e-12);
        Assert.AreEqual(CheckResult.PairUnit, result.ResampledUnit);
        Assert.AreEqual(2, result.Clusters);
    }

    [TestMethod]
    public void PlaceboEventsAreAveragedOverAPairsPlacebosAndSubtractedFromThePool()
    {
        // Pair a: 4 originals, 3 flips, placebos with 1 and 0 flips (0.5); pair b: 6 originals, 1 flip, placebo 2 flips.
        // Pooled: (3 + 1 - 0.5 - 2) / 10 = 0.15; artifact 0.4, placebo 0.25.
        PredictionDelta Delta(int originals, int flips) => new(originals, 0, originals, 0, flips, 0, 0, 0);
        PairOutcome a = new("a", "ruler", Delta(4, 3), [Delta(4, 1), Delta(4, 0)], [], [[], []]);
        PairOutcome b = new("b", "ruler", Delta(6, 1), [Delta(6, 2)], [], [[]]);

        CheckResult result = SummaryBuilder.Judge("m", PolicyOf(Check(MetricKind.FlipRate, 0.02, "ruler")), [a, b], Bootstrap).Single();

        Assert.AreEqual(0.15, result.Estimate, 1e-12);
        Assert.AreEqual(0.4, result.ArtifactEffect, 1e-12);
        Assert.AreEqual(0.25, result.PlaceboEffect, 1e-12);
    }

    [TestMethod]
    public void DuplicatingEverySubjectsPairsLeavesTheIntervalAsWideAsTheSubjectsWarrant()
    {
        // Eight subjects, one reliance each. Their subject-level interval is the bootstrap of the eight values, computed
        // here by the plain mean bootstrap; giving every subject a second, identical pair must not narrow it.
        double[] drops = [0.31, 0.02, 0.17, 0.44, 0.09, 0.26, 0.12, 0.38];
        PairOutcome[] once = [.. drops.Select((d, i) => Outcome($"p{i}", "ruler", -d, 0) with { SubjectId = $"S{i}" })];
        PairOutcome[] twice = [.. once.SelectMany(o => new[] { o, o with { PairId = o.PairId + "-dup" } })];
        Interval subjectLevel = BootstrapInterval.Mean(drops, Bootstrap.Confidence, Bootstrap.Resamples, Bootstrap.Seed);
        PolicyCheck check = Check(MetricKind.ScoreShift, 0.05, "ruler");

        CheckResult duplicated = SummaryBuilder.Judge("m", PolicyOf(check), twice, Bootstrap).Single();
        CheckResult asIfIndependent = SummaryBuilder.Judge("m", PolicyOf(check), [.. twice.Select(o => o with { SubjectId = null })], Bootstrap).Single();

        Assert.AreEqual(16, duplicated.Pairs);
        Assert.AreEqual(8, duplicated.Clusters);
        Assert.AreEqual(CheckResult.SubjectUnit, duplicated.ResampledUnit);
        Assert.AreEqual(drops.Average(), duplicated.Estimate, 1e-12);
        Assert.AreEqual(subjectLevel.Low, duplicated.Low, 1e-12);
        Assert.AreEqual(subjectLevel.High, duplicated.High, 1e-12);

        // Counted as 16 independent pairs the interval shrinks by about 1 / sqrt(2): the clustering is what keeps it wide.
        Assert.AreEqual(16, asIfIndependent.Clusters);
        Assert.IsLessThan(0.85 * (subjectLevel.High - subjectLevel.Low), asIfIndependent.High - asIfIndependent.Low);

        // The p-value ranks the eight subjects, as if each pair were there once (exact Wilcoxon: all 8 positive, 1 / 2^8).
        Assert.AreEqual(1.0 / 256, duplicated.PValue, 1e-15);
        Assert.IsLessThan(duplicated.PValue, asIfIndependent.PValue);
    }

    [TestMethod]
    public void PairsWithoutASubjectAreTheirOwnClustersAndTheNoteSaysSo()
    {
        PairOutcome[] outcomes =
        [
            Outcome("a", "ruler", -0.3, 0) with { SubjectId = "S1" },
            Outcome("b", "ruler", -0.2, 0) with { SubjectId = "S1" },
            Outcome("c", "ruler", -0.1, 0),
            Outcome("d", "ruler", -0.4, 0),
        ];

        CheckResult result = SummaryBuilder.Judge("m", PolicyOf(Check(MetricKind.ScoreShift, 0.05, "ruler")), outcomes, Bootstrap).Single();

        Assert.AreEqual(3, result.Clusters);
        Assert.AreEqual(CheckResult.MixedUnit, result.ResampledUnit);
        StringAssert.Contains(result.Note, "2 of 4 pairs have no subject_id");
    }

    [TestMethod]
    public void HolmAdjustsOverEveryCheckOfTheModel()
    {
        // Two checks on the same six pairs: score shift with every subject positive (exact Wilcoxon p = 1/64) and flip
        // rate with no flips at all (no non-zero difference: no p-value, so not in the family). Holm over a family of
        // one leaves p as it is; adding a third check with p = 1/64 doubles both.
        PairOutcome[] outcomes = [.. Enumerable.Range(0, 6).Select(i => Outcome($"p{i}", "ruler", -0.1 * (i + 1), 0))];
        var shift = new PolicyCheck("shift", MetricKind.ScoreShift, ["ruler"], null, 0.05, ThresholdDirection.Max, null);
        var flip = new PolicyCheck("flip", MetricKind.FlipRate, ["ruler"], null, 0.05, ThresholdDirection.Max, null);
        var again = shift with { Id = "again" };

        IReadOnlyList<CheckResult> two = SummaryBuilder.Judge("m", new Policy("p", null, [shift, flip]), outcomes, Bootstrap);
        IReadOnlyList<CheckResult> three = SummaryBuilder.Judge("m", new Policy("p", null, [shift, flip, again]), outcomes, Bootstrap);

        Assert.AreEqual(1.0 / 64, two[0].PValue, 1e-15);
        Assert.AreEqual(1.0 / 64, two[0].HolmPValue, 1e-15);
        Assert.IsTrue(double.IsNaN(two[1].HolmPValue));
        Assert.AreEqual(2.0 / 64, three[0].HolmPValue, 1e-15);
        Assert.AreEqual(2.0 / 64, three[2].HolmPValue, 1e-15);
    }

    [TestMethod]
    public void PairsWithoutAPlaceboLeaveTheCheckInconclusive()
    {
        PairOutcome[] outcomes = [Outcome("a", "dark_corners", -0.5, null)];

        CheckResult result = SummaryBuilder.Judge("m", PolicyOf(Check(MetricKind.ScoreShift, 0.05, "dark_corners")), outcomes, Bootstrap).Single();

        Assert.AreEqual(Verdict.Inconclusive, result.Verdict);
        Assert.AreEqual(0, result.Pairs);
        StringAssert.Contains(result.Note, "no placebo");
    }

    [TestMethod]
    public void OnNoDataWarnMakesAnUnjudgedCheckWarnInsteadOfInconclusive()
    {
        PairOutcome[] outcomes = [Outcome("a", "dark_corners", -0.5, null)];
        PolicyCheck check = Check(MetricKind.ScoreShift, 0.05, "dark_corners") with { OnNoData = NoDataVerdict.Warn };

        CheckResult result = SummaryBuilder.Judge("m", PolicyOf(check), outcomes, Bootstrap).Single();

        Assert.AreEqual(Verdict.Warn, result.Verdict);
        StringAssert.Contains(result.Note, "onNoData: warn");
    }

    [TestMethod]
    public void AJudgedCheckIgnoresOnNoData()
    {
        // Two pairs with a score drop of 0.5 and a placebo of 0: the whole interval is above 0.05, so FAIL whatever onNoData says.
        PairOutcome[] outcomes = [Outcome("a", "ruler", -0.5, 0), Outcome("b", "ruler", -0.5, 0)];
        PolicyCheck check = Check(MetricKind.ScoreShift, 0.05, "ruler") with { OnNoData = NoDataVerdict.Warn };

        CheckResult result = SummaryBuilder.Judge("m", PolicyOf(check), outcomes, Bootstrap).Single();

        Assert.AreEqual(Verdict.Fail, result.Verdict);
    }

    [TestMethod]
    public void FromLargeSampleClustersTheCheckIsLinearisedAndSaysSo()
    {
        // 300 pairs without subject ids, so 300 clusters of weight 1, reliances spread on both sides of their mean.
        var random = new Random(3);
        PairOutcome[] outcomes = [.. Enumerable.Range(0, 300).Select(i => Outcome($"p{i}", "ruler", -random.NextDouble(), -0.2 * random.NextDouble()))];
        double[] reliance = [.. outcomes.Select(o => o.Artifact.MeanScoreDropOffArtifact - o.Placebos[0].MeanScoreDropOffArtifact)];

        CheckResult at = SummaryBuilder.Judge("m", PolicyOf(Check(MetricKind.ScoreShift, 0.05, "ruler")), outcomes, Bootstrap with { LargeSampleClusters = 300 }).Single();
        CheckResult above = SummaryBuilder.Judge("m", PolicyOf(Check(MetricKind.ScoreShift, 0.05, "ruler")), outcomes, Bootstrap with { LargeSampleClusters = 301 }).Single();

        Interval expected = LinearisedInterval.Ratio(reliance, [.. reliance.Select(_ => 1.0)]);
        Assert.AreEqual(IntervalMethod.Linearised, at.IntervalMethod);
        Assert.AreEqual(expected.Estimate, at.Estimate, 1e-12);
        Assert.AreEqual(expected.Low, at.Low, 1e-12);
        Assert.AreEqual(expected.High, at.High, 1e-12);
        Assert.AreEqual(IntervalMethod.Bootstrap, above.IntervalMethod);
        Assert.AreEqual(at.Estimate, above.Estimate, "the estimate does not depend on the method");
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
