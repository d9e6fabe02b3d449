using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Baseline;
using AuditHarness.Engine.History;
using AuditHarness.Engine.Journal;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Engine.Provenance;
using AuditHarness.Reporting;
using AuditHarness.Results;
using AuditHarness.Tests.Engine;
using UglyToad.PdfPig;

namespace AuditHarness.Tests.Engine.Pipeline;

/// <summary>
/// <see cref="AuditPipeline"/> called directly, as a host other than the CLI would: every run ends in a complete,
/// verifiable folder (regressions against a baseline, junit.xml, summary.json, report.pdf, run-manifest.json), a
/// scheduled run adds its history row, shards merge and two runs compare through the same finishing steps, and a
/// failing exporter is logged without costing the other outputs. The clean demo detector on every 24th demo pair.
/// </summary>
[TestClass]
public sealed class AuditPipelineTests
{
    private static string s_folder = string.Empty;
    private static AuditSpec s_spec = null!;
    private static string s_manifest = string.Empty;
    private static int s_pairs;
    private static AuditPipelineResult s_baseline = null!;
    private static AuditPipelineResult s_candidate = null!;
    private static string s_candidateLog = string.Empty;

    private static string OutputRoot => Path.Combine(s_folder, "out");

    [ClassInitialize]
    public static void RunBaselineAndCandidate(TestContext context)
    {
        _ = context;
        s_folder = Directory.CreateTempSubdirectory("pipeline").FullName;
        s_manifest = DemoManifestCut.Write(s_folder, every: 24);
        s_pairs = File.ReadAllLines(s_manifest).Length - 1;
        s_spec = AuditSpecLoader.Load(AuditSpecFiles.Write(s_folder, s_manifest, models: "clean"));
        s_baseline = AuditPipeline.Run(s_spec, new AuditPipelineOptions { OutputFolder = Path.Combine(s_folder, "baseline") });
        var log = new StringWriter();
        s_candidate = AuditPipeline.Run(s_spec, new AuditPipelineOptions { OutputFolder = Path.Combine(s_folder, "candidate"), BaselineFolder = s_baseline.Folder, Log = log });
        s_candidateLog = log.ToString();
    }

    [ClassCleanup]
    public static void Delete() => Directory.Delete(s_folder, recursive: true);

    [TestMethod]
    public void ARunAgainstABaselineLeavesItsRegressionsExportsAndAManifestThatCoversThem()
    {
        string folder = s_candidate.Folder;
        AuditSummary summary = s_candidate.Summary!;
        Assert.AreEqual(Path.Combine(s_folder, "candidate"), folder);
        Assert.IsNull(s_candidate.BaselineError);
        Assert.AreEqual(string.Empty, s_candidateLog, "no exporter failed, nothing to note");

        // The same spec on the same pairs twice: every regression check compares equal runs.
        string[] lines = File.ReadAllLines(Path.Combine(folder, RegressionTable.FileName));
        CollectionAssert.AreEqual(RegressionTable.Columns.ToArray(), lines[0].Split(','));
        string[][] rows = [.. lines.Skip(1).Select(l => l.Split(','))];
        int summaryRows = File.ReadAllLines(Path.Combine(folder, "summary.csv")).Length - 1;
        Assert.HasCount(summaryRows, rows, "one regression check per policy check result");
        int verdict = Column("verdict"), change = Column("change"), pairs = Column("pairs");
        foreach (string[] row in rows)
        {
            Assert.AreEqual("PASS", row[verdict], string.Join(",", row));
            if (row[pairs] != "0")
            {
                Assert.AreEqual(0.0, double.Parse(row[change], CultureInfo.InvariantCulture), string.Join(",", row));
            }
        }

        Assert.AreEqual(Verdict.Pass, summary.Baseline!.Verdict);
        Assert.HasCount(rows.Length, summary.Baseline.Results, "the summary the exporters read holds the regression checks");

        XElement suite = XDocument.Load(Path.Combine(folder, "junit.xml")).Descendants("testsuite").Single(s => (string?)s.Attribute("name") == "regression vs baseline");
        Assert.AreEqual(rows.Length, (int)suite.Attribute("tests")!);

        using (JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "summary.json"))))
        {
            Assert.AreEqual(rows.Length, json.RootElement.GetProperty("baseline").GetProperty("regressions").GetArrayLength());
        }

        using (PdfDocument pdf = PdfDocument.Open(Path.Combine(folder, "report.pdf")))
        {
            string text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            StringAssert.Contains(text, "Change since baseline");
        }

        RunVerification verification = RunVerifier.Verify(folder);
        Assert.IsTrue(verification.IsIntact, string.Join("; ", verification.Problems));
        string[] recorded = [.. verification.Manifest.Outputs.Select(o => o.Path)];
        foreach (string output in new[] { RegressionTable.FileName, "junit.xml", "summary.json", "summary.md", "report.pdf", RunJournal.FileName, "pairs.csv" })
        {
            CollectionAssert.Contains(recorded, output);
        }

        CollectionAssert.AreEquivalent(
            new[] { "junit.xml", "summary.json", "summary.md", "report.pdf" },
            s_candidate.Exports!.Files.Select(Path.GetFileName).ToArray());
        Assert.IsFalse(Directory.Exists(OutputRoot), "a run with an output folder keeps no history");
    }

    [TestMethod]
    public void AScheduledRunGetsItsOwnFolderUnderTheOutputRootAndOneHistoryRow()
    {
        // Its own spec file, so its output root holds only this run.
        string root = Directory.CreateDirectory(Path.Combine(s_folder, "scheduled")).FullName;
        AuditSpec spec = AuditSpecLoader.Load(AuditSpecFiles.Write(root, s_manifest, models: "clean"));

        AuditPipelineResult result = AuditPipeline.Run(spec);

        Assert.AreEqual(Path.Combine(root, "out"), Path.GetDirectoryName(result.Folder));
        string run = Path.GetFileName(result.Folder);
        Assert.MatchesRegex(new Regex(ScheduledRunFolder.NamePattern), run);
        Assert.IsTrue(RunVerifier.Verify(result.Folder).IsIntact);

        string[] history = File.ReadAllLines(Path.Combine(root, "out", RunHistory.FileName));
        Assert.HasCount(2, history);
        string[] row = history[1].Split(',');
        Assert.AreEqual(run, row[RunHistory.Columns.ToList().IndexOf("run")]);
        Assert.AreEqual(s_baseline.Summary!.Verdict.ToString().ToUpperInvariant(), row[RunHistory.Columns.ToList().IndexOf("verdict")], "the same audit as the baseline run");
        Assert.AreEqual(run, result.Summary!.History.Single().Run, "the report read the history with this run's row");
    }

    [TestMethod]
    public void ResumingAFinishedRunWritesNothingAndReportsItsRecordedVerdict()
    {
        Dictionary<string, byte[]> before = Directory.GetFiles(s_baseline.Folder).ToDictionary(f => f, File.ReadAllBytes);

        AuditPipelineResult result = AuditPipeline.Run(s_spec, new AuditPipelineOptions { ResumeFolder = s_baseline.Folder });

        Assert.IsNull(result.Summary);
        FinishedRun finished = result.FinishedBefore!;
        Assert.AreEqual(s_baseline.Summary!.Verdict, finished.Verdict);
        Assert.IsNull(finished.Shard);
        Assert.AreEqual(s_pairs, finished.PairResults, "one model, one record per pair");
        CollectionAssert.AreEquivalent(before.Keys.ToArray(), Directory.GetFiles(s_baseline.Folder));
        foreach ((string file, byte[] bytes) in before)
        {
            CollectionAssert.AreEqual(bytes, File.ReadAllBytes(file), file);
        }
    }

    [TestMethod]
    public void ShardsWriteOnlyTheirJournalsAndTheirMergeIsFinishedLikeASingleRun()
    {
        string[] shards = [Path.Combine(s_folder, "shard-0"), Path.Combine(s_folder, "shard-1")];
        AuditPipelineResult[] parts = [.. shards.Select((folder, i) => AuditPipeline.Run(s_spec, new AuditPipelineOptions { OutputFolder = folder, Shard = new ShardSpec(i, 2) }))];

        Assert.IsTrue(parts.All(p => p.Summary is null));
        Assert.AreEqual(s_pairs, parts.Sum(p => p.Shard!.Pairs));
        foreach (string shard in shards)
        {
            CollectionAssert.AreEquivalent(new[] { InputList.FileName, RunJournal.FileName }, Directory.GetFiles(shard).Select(Path.GetFileName).ToArray());
        }

        AuditPipelineResult merged = AuditPipeline.Merge(shards, Path.Combine(s_folder, "merged"));

        Assert.AreEqual(s_baseline.Summary!.Verdict, merged.Summary!.Verdict);
        foreach (string log in new[] { "pairs.csv", "summary.csv", "pair-metrics.csv" })
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(s_baseline.Folder, log)), File.ReadAllBytes(Path.Combine(merged.Folder, log)), log);
        }

        foreach (string output in new[] { "junit.xml", "summary.json", "report.pdf", RunManifest.FileName })
        {
            Assert.IsTrue(File.Exists(Path.Combine(merged.Folder, output)), output);
        }

        Assert.IsTrue(RunVerifier.Verify(merged.Folder).IsIntact);
    }

    [TestMethod]
    public void CompareWritesTheComparisonAndItsExportsBesideTheCandidateWithoutAManifest()
    {
        AuditPipelineResult result = AuditPipeline.Compare(s_baseline.Folder, s_candidate.Folder);

        Assert.AreEqual(Path.Combine(s_folder, "compare-candidate-vs-baseline"), result.Folder);
        string[] files = [.. Directory.GetFiles(result.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        CollectionAssert.AreEqual(new[] { "junit.xml", RegressionTable.FileName, "report.pdf", "summary.json", "summary.md" }, files);
        Assert.IsEmpty(result.Summary!.Models);
        Assert.AreEqual(Verdict.Pass, result.Summary.Baseline!.Verdict);
        Assert.IsTrue(RunVerifier.Verify(s_candidate.Folder).IsIntact, "nothing was added to the candidate's folder");
    }

    [TestMethod]
    public void AFailingExporterLeavesTheOtherExportsAndAnUnsealedManifestThatVerifyReports()
    {
        string folder = Path.Combine(s_folder, "no-room-for-the-report");
        Directory.CreateDirectory(Path.Combine(folder, "report.pdf")); // the report cannot take its name
        var log = new StringWriter();

        // A folder without a journal is resumed from the beginning (a fresh --output run would refuse the stray entry).
        AuditPipelineResult result = AuditPipeline.Run(s_spec, new AuditPipelineOptions { ResumeFolder = folder, Log = log });

        ExportFailure failure = result.Exports!.Failures.Single();
        Assert.AreEqual("pdf", failure.Exporter);
        Assert.AreEqual("report.pdf", failure.File);
        Assert.IsFalse(result.IsSealed);
        Assert.DoesNotContain("exporter", log.ToString(), "a failed export is the host's error to report, not a warning");
        Assert.IsTrue(File.Exists(Path.Combine(folder, "junit.xml")));
        Assert.IsTrue(File.Exists(Path.Combine(folder, "summary.json")));
        RunVerification verification = RunVerifier.Verify(folder);
        Assert.IsFalse(verification.IsIntact, "an unsealed run is never intact");
        Assert.AreEqual(VerificationProblemKind.ExportFailed, verification.Problems.Single().Kind);
        Assert.AreEqual("report.pdf", verification.Problems.Single().Path);
    }

    private static int Column(string name) => RegressionTable.Columns.ToList().IndexOf(name);
}
