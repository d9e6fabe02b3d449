using AuditHarness.Core.Errors;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Baseline;
using AuditHarness.Results;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Engine.Baseline;

/// <summary><see cref="BaselineComparer"/> on hand-made runs whose changes, intervals and p-values are known.</summary>
[TestClass]
public sealed class BaselineComparerTests
{
    private static readonly BootstrapSettings Bootstrap = new(2000, 7, 0.95);

    private static readonly PolicyCheck Shift = new("shift", MetricKind.ScoreShift, ["ruler"], null, 0.05, ThresholdDirection.Max, null) { RegressionTolerance = 0.02 };

    private static readonly PolicyCheck Floor = new("floor", MetricKind.LayerInsideShare, ["ruler"], "model.9", -0.1, ThresholdDirection.Min, null) { RegressionTolerance = 0.02 };

    [TestMethod]
    public void EachRunsValueIsItsPooledEstimateOverItsOwnPairsAndThePValueRanksTheCommonOnes()
    {
        // Weights 1, no subjects: each estimate is the mean over that run's pairs. Baseline (0 + 0 + 0.1 + 0.1 + 0.2 + 5) / 6
        // = 0.9, candidate (0.1 + 0.2 + 0.4 + 0.5 + 9 + 0.7) / 6 = 10.9 / 6; p5 and p9 count in their own run only.
        RecordedRun baseline = Run("base", "digest", ("m", Shift, [("p1", 0.0), ("p2", 0.0), ("p3", 0.1), ("p4", 0.1), ("p6", 0.2), ("p9", 5.0)]));
        RecordedRun candidate = Run("cand", "digest", ("m", Shift, [("p1", 0.1), ("p2", 0.2), ("p3", 0.4), ("p4", 0.5), ("p5", 9.0), ("p6", 0.7)]));

        RegressionResult r = BaselineComparer.Compare(baseline, candidate).Results.Single();

        Assert.AreEqual((6, 6), (r.Pairs, r.BaselinePairs));
        Assert.AreEqual(0.9, r.BaselineEstimate, 1e-12);
        Assert.AreEqual(10.9 / 6, r.CandidateEstimate, 1e-12);
        Assert.AreEqual((10.9 / 6) - 0.9, r.Change, 1e-12);
        Assert.AreEqual((7, "pair"), (r.Clusters, r.ResampledUnit), "the pairs of either run, each its own cluster");
        // The five pairs in both runs changed by 0.1, 0.2, 0.3, 0.4, 0.5, all positive and distinct: exact one-sided p = 1 / 2^5.
        Assert.AreEqual(1.0 / 32, r.PValue, 1e-12);
        StringAssert.Contains(r.Note, "2 pair(s) with a value in only one run count in that run's estimate only");
    }

    [TestMethod]
    public void ASubjectsPairsArePooledByWeightAndResampledTogether()
    {
        // Subject s1 has p1 and p2, s2 has p3. Baseline: reliances 0.5, 0, 0 over 2, 2, 2 detections, so s1 = 1/4, s2 = 0/2,
        // estimate 1/6. Candidate: 1, 0.5 over 2, 2 and 1 over 3, so s1 = 3/4, s2 = 3/3, estimate 6/7. Change 29/42; a
        // resample draws s1 twice (change 0.5), s2 twice (change 1) or both (29/42), so the 95 % bounds are 0.5 and 1.
        RecordedRun baseline = Weighted("base", [("p1", "s1", 0.5, 2), ("p2", "s1", 0.0, 2), ("p3", "s2", 0.0, 2)]);
        RecordedRun candidate = Weighted("cand", [("p1", "s1", 1.0, 2), ("p2", "s1", 0.5, 2), ("p3", "s2", 1.0, 3)]);

        RegressionResult r = BaselineComparer.Compare(baseline, candidate).Results.Single();

        Assert.AreEqual(1.0 / 6, r.BaselineEstimate, 1e-12);
        Assert.AreEqual(6.0 / 7, r.CandidateEstimate, 1e-12);
        Assert.AreEqual(29.0 / 42, r.Change, 1e-12);
        Assert.AreEqual(0.5, r.Low, 1e-12);
        Assert.AreEqual(1.0, r.High, 1e-12);
        Assert.AreEqual((2, "subject"), (r.Clusters, r.ResampledUnit));
        // Per subject, the change of its own ratio: s1 0.75 - 0.25, s2 1 - 0; two positive: exact one-sided p = 1/4.
        Assert.AreEqual(0.25, r.PValue, 1e-12);
        Assert.AreEqual(Verdict.Fail, r.Verdict, "the whole interval lies above the tolerance 0.02");
        Assert.IsNull(r.Note);
    }

    [TestMethod]
    public void UnpairedResamplesEachRunsSubjectsOnTheirOwn()
    {
        // Baseline subjects 0/1 and 1/1, candidate 0.1/1 and 1.1/1: change 0.1; independent draws reach candidate s1 twice
        // minus baseline s2 twice (0.1 - 1) and candidate s2 twice minus baseline s1 twice (1.1 - 0), each with chance 1/16.
        RecordedRun baseline = Weighted("base", [("p1", "s1", 0.0, 1), ("p2", "s2", 1.0, 1)]);
        RecordedRun candidate = Weighted("cand", [("p1", "s1", 0.1, 1), ("p2", "s2", 1.1, 1)]);

        RegressionResult paired = BaselineComparer.Compare(baseline, candidate).Results.Single();
        RegressionResult unpaired = BaselineComparer.Compare(baseline, candidate, unpaired: true).Results.Single();

        Assert.AreEqual((0.1, 0.1, 0.1), (Math.Round(paired.Change, 12), Math.Round(paired.Low, 12), Math.Round(paired.High, 12)), "paired: each subject changed by 0.1");
        Assert.AreEqual(0.1, unpaired.Change, 1e-12);
        Assert.AreEqual(-0.9, unpaired.Low, 1e-12);
        Assert.AreEqual(1.1, unpaired.High, 1e-12);
        Assert.IsTrue(double.IsNaN(unpaired.PValue));
        Assert.AreEqual(4, unpaired.Clusters);
    }

    [TestMethod]
    public void VerdictFollowsThePolicyRuleWithTheToleranceOnTheWorseSide()
    {
        // Max check: every change 0.03 gives the degenerate interval [0.03, 0.03], wholly above 0.02.
        Assert.AreEqual(Verdict.Fail, Judge(Shift, [0.0, 0.0, 0.0], [0.03, 0.03, 0.03]));
        // Exactly on the tolerance is acceptable, as on a threshold.
        Assert.AreEqual(Verdict.Pass, Judge(Shift, [0.0, 0.0, 0.0], [0.02, 0.02, 0.02]));
        // Mean change 0.025 above the tolerance, but the interval reaches below it.
        Assert.AreEqual(Verdict.Warn, Judge(Shift, [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.05, 0.05]));
        // Min check: worse is down; a fall of 0.03 is beyond -0.02, a rise is an improvement.
        Assert.AreEqual(Verdict.Fail, Judge(Floor, [0.0, 0.0, 0.0], [-0.03, -0.03, -0.03]));
        Assert.AreEqual(Verdict.Pass, Judge(Floor, [0.0, 0.0, 0.0], [0.5, 0.5, 0.5]));
    }

    [TestMethod]
    public void ModelsPairByNameOrAsTheOnlyModelOfEachRun()
    {
        RecordedRun a = Run("a", "d", ("clean", Shift, [("p1", 0.0)]));
        RecordedRun b = Run("b", "d", ("shortcut", Shift, [("p1", 0.4)]));

        RegressionResult only = BaselineComparer.Compare(a, b).Results.Single();
        Assert.AreEqual(("shortcut", "clean"), (only.Model, only.BaselineModel));

        RecordedRun two = Run("two", "d", ("clean", Shift, [("p1", 0.0)]), ("other", Shift, [("p1", 0.0)]));
        RecordedRun named = Run("named", "d", ("x", Shift, [("p1", 0.0)]), ("clean", Shift, [("p1", 0.1)]));
        RegressionResult byName = BaselineComparer.Compare(two, named).Results.Single();
        Assert.AreEqual(("clean", "clean"), (byName.Model, byName.BaselineModel));

        RecordedRun unrelated = Run("unrelated", "d", ("y", Shift, [("p1", 0.0)]), ("z", Shift, [("p1", 0.0)]));
        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => BaselineComparer.Compare(two, unrelated));
        StringAssert.Contains(ex.Message, "share no model name");
    }

    [TestMethod]
    public void WithoutDigestsTheDatasetsAreComparedByPairIds()
    {
        RecordedRun a = Run("a", null, ("m", Shift, [("p1", 0.0), ("p2", 0.0)]));
        RecordedRun same = Run("b", null, ("m", Shift, [("p2", 0.0), ("p1", 0.0)]));
        RecordedRun other = Run("c", null, ("m", Shift, [("p1", 0.0), ("p3", 0.0)]));

        Assert.IsTrue(BaselineComparer.Compare(a, same).Paired);
        AuditInputException ex = Assert.ThrowsExactly<AuditInputException>(() => BaselineComparer.Compare(a, other));
        Assert.AreEqual("Baseline run 'a' and candidate run 'c' audit different datasets (1 pair id(s) only in the baseline, 1 only in the candidate); compare runs of the same dataset pair by pair, or pass --unpaired to compare them as independent samples.", ex.Message);
        Assert.IsFalse(BaselineComparer.Compare(a, other, unpaired: true).Paired);
    }

    [TestMethod]
    public void ACheckTheBaselineLacksWarnsAndOneWithoutDataInEitherRunPasses()
    {
        RecordedRun baseline = Run("a", "d", ("m", Shift, [("p1", 0.0)]), ("m", Floor, []));
        RecordedRun candidate = Run("b", "d", ("m", Shift, [("p1", 0.0)]), ("m", Floor, []), ("m", Shift with { Id = "new-check" }, [("p1", 0.1)]));

        IReadOnlyList<RegressionResult> results = BaselineComparer.Compare(baseline, candidate).Results;

        Assert.AreEqual(Verdict.Pass, results.Single(r => r.Check.Id == "floor").Verdict);
        RegressionResult added = results.Single(r => r.Check.Id == "new-check");
        Assert.AreEqual(Verdict.Warn, added.Verdict);
        Assert.IsTrue(double.IsNaN(added.Change));
    }

    private static Verdict Judge(PolicyCheck check, double[] before, double[] after)
    {
        RecordedRun baseline = Run("a", "d", ("m", check, [.. before.Select((v, i) => ($"p{i}", v))]));
        RecordedRun candidate = Run("b", "d", ("m", check, [.. after.Select((v, i) => ($"p{i}", v))]));
        return BaselineComparer.Compare(baseline, candidate).Results.Single().Verdict;
    }

    [TestMethod]
    public void TheComparisonRecordsTheLevelOfItsIntervalsTheCandidatesElseTheBaselines()
    {
        RecordedRun at90 = Run("a", "d", ("m", Shift, [("p1", 0.0)])) with { Bootstrap = new BootstrapSettings(2000, 7, 0.9) };
        RecordedRun at80 = Run("b", "d", ("m", Shift, [("p1", 0.1)])) with { Bootstrap = new BootstrapSettings(2000, 7, 0.8) };
        RecordedRun unrecorded = Run("c", "d", ("m", Shift, [("p1", 0.2)])) with { Bootstrap = null };

        Assert.AreEqual(0.9, BaselineComparer.Compare(at80, at90).Confidence);
        Assert.AreEqual(0.8, BaselineComparer.Compare(at80, unrecorded).Confidence);
        Assert.AreEqual(0.95, BaselineComparer.Compare(unrecorded, unrecorded).Confidence, "the default when neither run recorded it");
    }

    private static RecordedRun Run(string folder, string? digest, params (string Model, PolicyCheck Check, (string Pair, double Reliance)[] Values)[] checks) => new(
        folder,
        "audit",
        digest,
        [.. checks.Select(c => c.Model).Distinct().Select(m => new RecordedModel(m, m + ".onnx", null))],
        [.. checks.Select(c => new RecordedCheck(c.Model, "ruler", c.Check, [.. c.Values.Select(v => new CheckPairValue(v.Pair, v.Reliance, 0, v.Reliance))]))],
        Bootstrap);

    /// <summary>A run of one score-shift check whose pairs carry a subject and a weight.</summary>
    private static RecordedRun Weighted(string folder, (string Pair, string Subject, double Reliance, double Weight)[] values) => new(
        folder,
        "audit",
        "digest",
        [new RecordedModel("m", "m.onnx", null)],
        [new RecordedCheck("m", "ruler", Shift, [.. values.Select(v => new CheckPairValue(v.Pair, v.Reliance, 0, v.Reliance) { Weight = v.Weight, SubjectId = v.Subject })])],
        Bootstrap);
}
