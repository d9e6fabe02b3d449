using System.Text.RegularExpressions;
using AuditHarness.Cli;
using AuditHarness.Core.Policies;
using AuditHarness.Cli.Commands;
using AuditHarness.Engine.History;
using AuditHarness.Tests.Engine;
using AuditHarness.Results;
using UglyToad.PdfPig;

namespace AuditHarness.Tests.Cli;

/// <summary>
/// <c>run SPEC</c> without <c>--output</c>: each run in its own timestamped folder under the spec's output root,
/// one history.csv row per finished run, the report's history section; <c>--fail-on-warn</c>.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class ScheduledRunTests
{
    private string _folder = null!;

    [TestInitialize]
    public void Create() => _folder = Directory.CreateTempSubdirectory("scheduled-run").FullName;

    [TestCleanup]
    public void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void EachRunGetsItsOwnFolderAndOneHistoryRowAndFailOnWarnTurnsWarnIntoExitOne()
    {
        // The clean model WARNs on the dark-corner pairs (no shifted placebo fits, and the policy says onNoData: warn), and fails nothing.
        string spec = AuditSpecFiles.WriteWarnOnNoData(_folder, DemoManifestCut.Write(_folder, every: 12), "clean");
        string root = Path.Combine(_folder, "out");

        CliResult first = CliRunner.Run("run", spec);
        CliResult second = CliRunner.Run("run", spec, "--fail-on-warn");

        Assert.AreEqual(ExitCodes.Success, first.ExitCode, first.Stdout + first.Stderr);
        StringAssert.Contains(first.Stdout, "Audit 'engine-test': WARN");
        Assert.AreEqual(ExitCodes.ChecksFailed, second.ExitCode, second.Stdout + second.Stderr);
        string[] runs = [.. Directory.GetDirectories(root).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.HasCount(2, runs);
        foreach (string run in runs)
        {
            Assert.MatchesRegex(new Regex(ScheduledRunFolder.NamePattern), run);
            Assert.AreEqual(ExitCodes.Success, CliRunner.Run("verify", Path.Combine(root, run)).ExitCode, run);
        }

        string[] lines = File.ReadAllLines(Path.Combine(root, RunHistory.FileName));
        Assert.HasCount(3, lines);
        string[] header = lines[0].Split(',');
        CollectionAssert.AreEqual(RunHistory.Columns.ToArray(), header[..RunHistory.Columns.Count]);
        CollectionAssert.Contains(header, "clean|ruler|ruler-layer-reliance-model9", "one column per key metric, named by its key");
        IReadOnlyList<RunHistoryEntry> history = RunHistory.Read(root);
        // Rows are in finishing order; folder names sort by start second, then by random id, so two runs started in
        // the same second may list the other way round.
        CollectionAssert.AreEquivalent(runs, history.Select(h => h.Run).ToArray());
        Assert.IsTrue(history.All(h => h.Verdict == "WARN" && h.PairsCompleted == 20 && h.WarnedChecks > 0 && h.FailedChecks == 0));
        Assert.IsGreaterThan(0.0, history[1].KeyMetrics[RunHistoryEntry.MetricKey("clean", "ruler", "ruler-layer-reliance-model9")]);
        Assert.AreEqual(64, history[1].ModelSha256.Single().Length);

        using PdfDocument pdf = PdfDocument.Open(Path.Combine(root, history[1].Run, "report.pdf"));
        string text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        StringAssert.Contains(text, "History");
        StringAssert.Contains(text, history[0].Run);
        StringAssert.Contains(text, "Trend");
    }

    [TestMethod]
    public void OutputOptionWritesExactlyThereAndKeepsNoHistory()
    {
        string spec = AuditSpecFiles.Write(_folder, DemoManifestCut.Write(_folder, every: 24), models: "clean");
        string exact = Path.Combine(_folder, "exact");

        CliResult result = CliRunner.Run("run", spec, "--output", exact);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Stdout + result.Stderr);
        Assert.IsTrue(File.Exists(Path.Combine(exact, "summary.csv")));
        Assert.IsFalse(Directory.Exists(Path.Combine(_folder, "out")), "no run folder and no history.csv under the spec's output root");
    }

    [TestMethod]
    public void ARunStoppedByBadInputLeavesNoFolderAndNoHistoryRow()
    {
        string manifest = Path.Combine(_folder, "bad.csv");
        File.WriteAllText(manifest, "id,picture\np1,a.jpg\n");
        string spec = AuditSpecFiles.Write(_folder, manifest, models: "clean");

        CliResult result = CliRunner.Run("run", spec);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Stdout + result.Stderr);
        Assert.IsFalse(Directory.Exists(Path.Combine(_folder, "out")) && Directory.EnumerateFileSystemEntries(Path.Combine(_folder, "out")).Any());
    }

    [TestMethod]
    public void ConcurrentAppendsLoseNoRow()
    {
        RunHistoryEntry Entry(int i) => new(
            DateTimeOffset.UnixEpoch.AddDays(i), $"run{i}", "a", "PASS", ["m"], ["ab"], i, 0, 0, 0, 0,
            new Dictionary<string, double> { ["m|ruler|c"] = i / 3.0 });

        Parallel.For(0, 12, i => RunHistory.Append(_folder, Entry(i)));

        IReadOnlyList<RunHistoryEntry> rows = RunHistory.Read(_folder);
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 12).Select(i => $"run{i}").ToArray(), rows.Select(r => r.Run).ToArray());
        Assert.IsTrue(rows.All(r => r.KeyMetrics["m|ruler|c"] == r.PairsCompleted / 3.0), "values survive the text round trip exactly");
        Assert.IsFalse(File.Exists(Path.Combine(_folder, RunHistory.FileName + ".lock")));
        Assert.IsEmpty(Directory.GetFiles(_folder, "*.partial"));
    }

    [TestMethod]
    public void HistoryNumbersAndDatesAreInvariantUnderACommaCulture()
    {
        using (new AuditHarness.Tests.Reporting.CultureScope("de-DE"))
        {
            RunHistory.Append(_folder, new RunHistoryEntry(
                new DateTimeOffset(2026, 11, 25, 23, 5, 9, TimeSpan.FromHours(1)), "r", "a", "FAIL", ["m"], ["ab"], 1, 0, 1, 0, 2,
                new Dictionary<string, double> { ["m|ruler|c"] = 0.5, ["m|ink|c"] = double.NaN }));
        }

        string[] lines = File.ReadAllLines(Path.Combine(_folder, RunHistory.FileName));
        Assert.AreEqual("finished_utc,run,audit,verdict,models,model_sha256,pairs_completed,pairs_failed,failed_checks,warned_checks,regressions,m|ink|c,m|ruler|c", lines[0]);
        Assert.AreEqual("2026-11-25T22:05:09Z,r,a,FAIL,m,ab,1,0,1,0,2,,0.5", lines[1], "no value (NaN) is an empty field");
    }

    [TestMethod]
    public void GateExitCodeFailsOnWarnOnlyWhenAsked()
    {
        Assert.AreEqual(ExitCodes.Success, GateOptions.ExitCode(Verdict.Pass, failOnWarn: true));
        Assert.AreEqual(ExitCodes.Success, GateOptions.ExitCode(Verdict.Warn, failOnWarn: false));
        Assert.AreEqual(ExitCodes.ChecksFailed, GateOptions.ExitCode(Verdict.Warn, failOnWarn: true));
        Assert.AreEqual(ExitCodes.ChecksFailed, GateOptions.ExitCode(Verdict.Fail, failOnWarn: false));
        Assert.AreEqual(ExitCodes.ChecksFailed, GateOptions.ExitCode(Verdict.Inconclusive, failOnWarn: false));
    }
}
