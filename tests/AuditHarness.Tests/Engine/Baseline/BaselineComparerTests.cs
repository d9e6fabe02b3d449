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
    public void ChangeIsTheMeanOfPerPairDifferencesOverCommonPairsWithTheExactWilcoxonPValue()
    {
        // Candidate minus baseline per common pair: 0.1, 0.2, 0.3, 0.4, 0.5 (p5 only in the candidate, p9 only in the baseline).
        RecordedRun baseline = Run("base", "digest", ("m", Shift, [("p1", 0.0), ("p2", 0.0), ("p3", 0.1), ("p4", 0.1), ("p6", 0.2), ("p9", 5.0)]));
        RecordedRun candidate = Run("cand", "digest", ("m", Shift, [("p1", 0.1), ("p2", 0.2), ("p3", 0.4), ("p4", 0.5), ("p5", 9.0), ("p6", 0.7)]));

        RegressionResult r = BaselineComparer.Compare(baseline, candidate).Results.Single();

        Assert.AreEqual(5, r.Pairs);
        Assert.AreEqual(0.3, r.Change, 1e-12);
        // All five differences positive and distinct: exact one-sided p = 1 / 2^5.
        Assert.AreEqual(1.0 / 32, r.PValue, 1e-12);
        Assert.AreEqual(Verdict.Fail, r.Verdict, "the whole interval lies above the tolerance 0.02");
        StringAssert.Contains(r.Note, "1 pair(s) with a value in only one run");
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
}
