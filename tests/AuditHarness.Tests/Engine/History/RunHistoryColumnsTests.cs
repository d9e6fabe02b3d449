using AuditHarness.Core.Errors;
using AuditHarness.Engine.History;
using AuditHarness.Results;
using AuditHarness.Tests.Reporting;

namespace AuditHarness.Tests.Engine.History;

/// <summary>
/// <c>history.csv</c> has one column per key metric: a new check appends a column (earlier rows empty in it), a check
/// a run lacks is an empty cell, a file of the packed <c>key_metrics</c> layout is still read and rewritten in the new
/// one, and a header of neither layout is refused in one line saying how to start a new history.
/// </summary>
[TestClass]
public sealed class RunHistoryColumnsTests
{
    private const string Fixed = "finished_utc,run,audit,verdict,models,model_sha256,pairs_completed,pairs_failed,failed_checks,warned_checks,regressions";

    [TestMethod]
    public void ANewCheckAppendsAColumnAndEarlierRowsAreEmptyInIt()
    {
        using var folder = new TempFolder();
        RunHistory.Append(folder.Path, Entry(1, new() { ["m|ruler|b"] = 0.25, ["m|ruler|a"] = 0.5 }));
        RunHistory.Append(folder.Path, Entry(2, new() { ["m|ruler|b"] = 0.125, ["m|ink|c"] = -1 }));

        string[] lines = File.ReadAllLines(Path.Combine(folder.Path, RunHistory.FileName));

        // Run 1's keys in ordinal order; run 2's new key after them, not sorted in among them.
        Assert.AreEqual(Fixed + ",m|ruler|a,m|ruler|b,m|ink|c", lines[0]);
        Assert.AreEqual("1970-01-02T00:00:00Z,run1,a,PASS,m,ab,1,0,0,0,0,0.5,0.25,", lines[1]);
        Assert.AreEqual("1970-01-03T00:00:00Z,run2,a,PASS,m,ab,2,0,0,0,0,,0.125,-1", lines[2]);
        IReadOnlyList<RunHistoryEntry> rows = RunHistory.Read(folder.Path);
        CollectionAssert.AreEquivalent(new[] { "m|ruler|a", "m|ruler|b" }, rows[0].KeyMetrics.Keys.ToArray(), "an empty cell is no value, not 0");
        CollectionAssert.AreEquivalent(new[] { "m|ruler|b", "m|ink|c" }, rows[1].KeyMetrics.Keys.ToArray());
        Assert.AreEqual(-1.0, rows[1].KeyMetrics["m|ink|c"]);
    }

    [TestMethod]
    public void APackedHistoryIsReadAndRewrittenOneColumnPerMetric()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, RunHistory.FileName);
        File.WriteAllLines(path,
        [
            Fixed + ",key_metrics",
            "2026-11-25T22:05:09Z,r1,a,FAIL,m,ab,2,0,1,0,0,m|ruler|c=0.5;m|ink|c=NaN",
            "2026-11-26T22:05:09Z,r2,a,PASS,m,ab,2,0,0,0,0,m|ruler|c=0.0625",
        ]);

        IReadOnlyList<RunHistoryEntry> before = RunHistory.Read(folder.Path);
        RunHistory.Append(folder.Path, Entry(3, new() { ["m|ruler|c"] = 1 }));

        Assert.AreEqual(0.5, before[0].KeyMetrics["m|ruler|c"]);
        Assert.AreEqual(0.0625, before[1].KeyMetrics["m|ruler|c"]);
        string[] lines = File.ReadAllLines(path);
        Assert.AreEqual(Fixed + ",m|ink|c,m|ruler|c", lines[0]);
        Assert.AreEqual("2026-11-25T22:05:09Z,r1,a,FAIL,m,ab,2,0,1,0,0,,0.5", lines[1], "NaN of the packed file becomes an empty field");
        Assert.AreEqual("2026-11-26T22:05:09Z,r2,a,PASS,m,ab,2,0,0,0,0,,0.0625", lines[2]);
        Assert.AreEqual("1970-01-04T00:00:00Z,run3,a,PASS,m,ab,3,0,0,0,0,,1", lines[3]);
    }

    [TestMethod]
    public void AHeaderOfNeitherLayoutIsRefusedWithHowToStartANewHistory()
    {
        using var folder = new TempFolder();
        File.WriteAllLines(Path.Combine(folder.Path, RunHistory.FileName), [Fixed + ",estimate", "2026-11-25T22:05:09Z,r1,a,FAIL,m,ab,2,0,1,0,0,0.5"]);

        AuditInputException e = Assert.ThrowsExactly<AuditInputException>(() => RunHistory.Read(folder.Path));

        StringAssert.Contains(e.Message, RunHistory.FileName);
        StringAssert.Contains(e.Message, "one column per key metric named model|artifact_type|check");
        StringAssert.Contains(e.Message, "Move it aside to start a new history.");
        Assert.DoesNotContain('\n', e.Message);
    }

    private static RunHistoryEntry Entry(int day, Dictionary<string, double> metrics) =>
        new(DateTimeOffset.UnixEpoch.AddDays(day), $"run{day}", "a", "PASS", ["m"], ["ab"], day, 0, 0, 0, 0, metrics);
}
