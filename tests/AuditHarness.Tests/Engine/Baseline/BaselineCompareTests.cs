using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using AuditHarness.Cli;
using AuditHarness.Engine.Baseline;
using AuditHarness.Engine.Provenance;
using AuditHarness.Tests.Cli;
using AuditHarness.Tests.Reporting;
using AuditHarness.Tests.Engine;
using UglyToad.PdfPig;

namespace AuditHarness.Tests.Engine.Baseline;

/// <summary>
/// <c>compare</c> and <c>run --baseline</c> on real runs of the demo detectors over a cut of the demo manifest
/// (every 6th pair): the shortcut model regresses against the clean one on the ruler checks, a run does not
/// regress against itself, another dataset is refused unless <c>--unpaired</c>.
/// </summary>
[TestClass]
[DoNotParallelize] // drives the CLI, which redirects the process-wide console
public sealed class BaselineCompareTests
{
    private static string _folder = null!;
    private static string _clean = null!;
    private static string _shortcut = null!;
    private static string _cleanOtherPairs = null!;

    private static readonly string[] RulerChecks = ["ruler-score-shift", "ruler-flip-rate", "ruler-lost-rate", "ruler-layer-reliance-model9"];

    [ClassInitialize]
    public static void RunTheDemoModels(TestContext context)
    {
        _ = context;
        _folder = Directory.CreateTempSubdirectory("baseline-compare").FullName;
        string cut = DemoManifestCut.Write(Path.Combine(_folder, "cut-a"), every: 6);
        string other = DemoManifestCut.Write(Path.Combine(_folder, "cut-b"), every: 6, offset: 1);
        _clean = Run("clean", cut, "clean");
        _shortcut = Run("shortcut", cut, "shortcut");
        _cleanOtherPairs = Run("clean", other, "clean-other-pairs");
    }

    [ClassCleanup]
    public static void Delete() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void ShortcutAgainstCleanFailsEveryRulerCheckAsARegression()
    {
        string output = Path.Combine(_folder, "compare-clean-shortcut");
        CliResult result = CliRunner.Run("compare", _clean, _shortcut, "--out", output);

        Assert.AreEqual(ExitCodes.ChecksFailed, result.ExitCode, result.Stdout + result.Stderr);
        Dictionary<(string Check, string Type), string[]> rows = RegressionRows(output);
        foreach (string check in RulerChecks)
        {
            Assert.AreEqual("FAIL", rows[(check, "ruler")][Column("verdict")], check);
        }

        // Independent of the comparison code: each run's value is its own summary.csv estimate of the check, for every
        // check (the detection checks pooled over detections, the layer checks a mean over pairs), and the change their
        // difference.
        Dictionary<(string, string), (double Estimate, int Pairs)> cleanEstimates = SummaryEstimates(_clean), shortcutEstimates = SummaryEstimates(_shortcut);
        int compared = 0;
        foreach (((string check, string type), string[] row) in rows)
        {
            Assert.AreEqual("true", row[Column("paired")]);
            Assert.AreEqual(shortcutEstimates[(check, type)].Pairs, int.Parse(row[Column("pairs")], CultureInfo.InvariantCulture), $"{check} on {type}");
            Assert.AreEqual(cleanEstimates[(check, type)].Pairs, int.Parse(row[Column("baseline_pairs")], CultureInfo.InvariantCulture), $"{check} on {type}");
            if (cleanEstimates[(check, type)].Pairs > 0 && shortcutEstimates[(check, type)].Pairs > 0)
            {
                double before = cleanEstimates[(check, type)].Estimate, after = shortcutEstimates[(check, type)].Estimate;
                Assert.AreEqual(before, Parse(row[Column("baseline_estimate")]), 1e-12, $"{check} on {type}");
                Assert.AreEqual(after, Parse(row[Column("candidate_estimate")]), 1e-12, $"{check} on {type}");
                Assert.AreEqual(after - before, Parse(row[Column("change")]), 1e-12, $"{check} on {type}");
                Assert.IsTrue(Parse(row[Column("ci_low")]) <= Parse(row[Column("change")]) && Parse(row[Column("change")]) <= Parse(row[Column("ci_high")]), $"{check} on {type}");
                Assert.AreEqual("subject", row[Column("resampled_unit")], "the demo manifest names every pair's subject");
                compared++;
            }
        }

        Assert.IsGreaterThanOrEqualTo(RulerChecks.Length, compared);
    }

    [TestMethod]
    public void ABaselineFromBeforeThePooledEstimatorIsRefusedWithOneLine()
    {
        // The run folder as an older version wrote it: pair-metrics.csv without the subject_id and weight columns.
        string old = Path.Combine(_folder, "old-baseline");
        CopyFolder(_clean, old);
        string path = Path.Combine(old, PairMetricsFile.FileName);
        File.WriteAllLines(path, File.ReadAllLines(path).Select(l => string.Join(',', l.Split(',')[..^2])));
        string output = Path.Combine(_folder, "compare-old");

        CliResult result = CliRunner.Run("compare", old, _shortcut, "--out", output);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Stdout + result.Stderr);
        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, result.Stderr);
        StringAssert.Contains(lines[0], path);
        StringAssert.Contains(lines[0], "predates the pooled estimator");
        Assert.IsFalse(Directory.Exists(output), "nothing is written for a refused comparison");

        // run --baseline refuses it the same way, before any pair runs.
        string spec = AuditSpecFiles.Write(Path.Combine(_folder, "old-gate"), DemoManifestCut.Write(Path.Combine(_folder, "old-gate"), every: 6), models: "clean");
        string runFolder = Path.Combine(_folder, "old-gate", "run");
        CliResult run = CliRunner.Run("run", spec, "--output", runFolder, "--baseline", old);
        Assert.AreEqual(ExitCodes.BadInput, run.ExitCode, run.Stdout + run.Stderr);
        StringAssert.Contains(run.Stderr, "predates the pooled estimator");
        Assert.IsFalse(Directory.Exists(runFolder));
    }

    [TestMethod]
    public void ARunAgainstItselfPassesEveryCheckWithAChangeOfExactlyZero()
    {
        string output = Path.Combine(_folder, "compare-self");
        CliResult result = CliRunner.Run("compare", _shortcut, _shortcut, "--out", output);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Stdout + result.Stderr);
        Dictionary<(string Check, string Type), string[]> rows = RegressionRows(output);
        Assert.IsGreaterThan(10, rows.Count);
        foreach (string[] row in rows.Values)
        {
            Assert.AreEqual("PASS", row[Column("verdict")], string.Join(",", row));
            if (row[Column("pairs")] != "0")
            {
                Assert.AreEqual(0.0, Parse(row[Column("change")]));
                Assert.AreEqual(0.0, Parse(row[Column("ci_low")]));
                Assert.AreEqual(0.0, Parse(row[Column("ci_high")]));
            }
        }
    }

    [TestMethod]
    public void AnotherDatasetIsRefusedWithOneLineNamingBothRuns()
    {
        string output = Path.Combine(_folder, "compare-refused");
        CliResult result = CliRunner.Run("compare", _clean, _cleanOtherPairs, "--out", output);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Stdout + result.Stderr);
        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, result.Stderr);
        StringAssert.Contains(lines[0], _clean);
        StringAssert.Contains(lines[0], _cleanOtherPairs);
        StringAssert.Contains(lines[0], "--unpaired");
        Assert.IsFalse(Directory.Exists(output), "nothing is written for a refused comparison");
    }

    [TestMethod]
    public void UnpairedComparesTheMeansOfDifferentDatasets()
    {
        string output = Path.Combine(_folder, "compare-unpaired");
        CliResult result = CliRunner.Run("compare", _clean, _cleanOtherPairs, "--out", output, "--unpaired");

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.Stdout + result.Stderr);
        Dictionary<(string Check, string Type), string[]> rows = RegressionRows(output);
        Dictionary<(string, string), (double Estimate, int Pairs)> before = SummaryEstimates(_clean), after = SummaryEstimates(_cleanOtherPairs);
        string[] score = rows[("ruler-layer-reliance-model9", "ruler")];
        Assert.AreEqual("false", score[Column("paired")]);
        double change = Parse(score[Column("change")]);
        Assert.AreEqual(after[("ruler-layer-reliance-model9", "ruler")].Estimate - before[("ruler-layer-reliance-model9", "ruler")].Estimate, change, 1e-12);
        Assert.AreEqual(string.Empty, score[Column("p_value")], "no paired test on independent samples: no value, an empty field");
        Assert.IsLessThan(change, Parse(score[Column("ci_low")]));
        Assert.IsGreaterThan(change, Parse(score[Column("ci_high")]));
    }

    [TestMethod]
    public void JUnitJsonAndPdfCarryTheRegressionChecks()
    {
        string output = Path.Combine(_folder, "compare-exports");
        CliRunner.Run("compare", _clean, _shortcut, "--out", output);
        int failures = RegressionRows(output).Values.Count(r => r[Column("verdict")] == "FAIL");
        Assert.IsGreaterThanOrEqualTo(RulerChecks.Length, failures);

        XElement root = XDocument.Load(Path.Combine(output, "junit.xml")).Root!;
        XElement suite = root.Elements("testsuite").Single(s => (string?)s.Attribute("name") == "regression vs baseline");
        Assert.AreEqual(RegressionRows(output).Count, (int)root.Attribute("tests")!, "the root adds up the regression test cases");
        Assert.AreEqual(failures, (int)root.Attribute("failures")!);
        Assert.AreEqual(failures, (int)suite.Attribute("failures")!);
        Assert.AreEqual(failures, suite.Elements("testcase").Count(t => t.Element("failure") is not null));
        Assert.IsTrue(suite.Elements("testcase").Any(t => (string?)t.Attribute("classname") == "baseline.shortcut.ruler" && (string?)t.Attribute("name") == "ruler-flip-rate" && t.Element("failure") is not null));

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("docs/summary.schema.json")));
        Assert.IsEmpty(JsonSchemaSubset.Validate(schema.RootElement, json.RootElement));
        JsonElement baseline = json.RootElement.GetProperty("baseline");
        Assert.AreEqual("FAIL", baseline.GetProperty("verdict").GetString());
        Assert.AreEqual(failures, baseline.GetProperty("regressions").EnumerateArray().Count(r => r.GetProperty("verdict").GetString() == "FAIL"));

        using PdfDocument pdf = PdfDocument.Open(Path.Combine(output, "report.pdf"));
        string text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        StringAssert.Contains(text, "Change since baseline");
        StringAssert.Contains(text, "ruler-layer-reliance-model9");

        // No model ran in a comparison: the report says what it is and has no empty checks or errors tables.
        StringAssert.StartsWith(text, "Regression comparison report");
        Assert.DoesNotContain("Spurious-feature audit report", text);
        Assert.DoesNotContain("One row per model, artifact type and policy check", text);
        Assert.DoesNotContain("errors per model", text);
        Assert.DoesNotContain("No pair failed", text);
    }

    [TestMethod]
    public void RunWithABaselineGatesOnTheRegressionAndStaysVerifiable()
    {
        string spec = AuditSpecFiles.Write(Path.Combine(_folder, "gate"), DemoManifestCut.Write(Path.Combine(_folder, "gate"), every: 6), models: "clean");
        string runFolder = Path.Combine(_folder, "gate", "run");

        CliResult againstShortcut = CliRunner.Run("run", spec, "--output", runFolder, "--baseline", _shortcut);

        // clean against the shortcut baseline improves: no regression, and the clean model's own checks pass or warn.
        Assert.AreEqual(ExitCodes.Success, againstShortcut.ExitCode, againstShortcut.Stdout + againstShortcut.Stderr);
        StringAssert.Contains(againstShortcut.Stdout, "Change since baseline");
        Assert.IsTrue(File.Exists(Path.Combine(runFolder, RegressionTable.FileName)));
        Assert.AreEqual(ExitCodes.Success, CliRunner.Run("verify", runFolder).ExitCode, "regressions.csv is in the run manifest");
        Assert.IsTrue(RegressionRows(runFolder).Values.All(r => r[Column("verdict")] != "FAIL"));
    }

    [TestMethod]
    public void RunWithABaselineOfAnotherDatasetStopsBeforeAnyPair()
    {
        string spec = AuditSpecFiles.Write(Path.Combine(_folder, "refuse"), DemoManifestCut.Write(Path.Combine(_folder, "refuse"), every: 6, offset: 2), models: "clean");
        string runFolder = Path.Combine(_folder, "refuse", "run");

        CliResult result = CliRunner.Run("run", spec, "--output", runFolder, "--baseline", _clean);

        Assert.AreEqual(ExitCodes.BadInput, result.ExitCode, result.Stdout + result.Stderr);
        StringAssert.Contains(result.Stderr, "different datasets");
        Assert.IsFalse(Directory.Exists(runFolder));
    }

    private static string Run(string model, string manifest, string name)
    {
        string folder = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
        string spec = AuditSpecFiles.Write(folder, manifest, models: model);
        string runFolder = Path.Combine(folder, "run");
        CliResult result = CliRunner.Run("run", spec, "--output", runFolder);
        Assert.IsTrue(result.ExitCode is ExitCodes.Success or ExitCodes.ChecksFailed, result.Stdout + result.Stderr);
        Assert.IsTrue(File.Exists(Path.Combine(runFolder, RunManifest.FileName)));
        return runFolder;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static int Column(string name) => RegressionTable.Columns.ToList().IndexOf(name);

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>regressions.csv by (check, artifact type); the fields have no commas or quotes in these runs.</summary>
    private static Dictionary<(string Check, string Type), string[]> RegressionRows(string folder)
    {
        string[] lines = File.ReadAllLines(Path.Combine(folder, RegressionTable.FileName));
        CollectionAssert.AreEqual(RegressionTable.Columns.ToArray(), lines[0].Split(','));
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => (c[Column("check")], c[Column("artifact_type")]), c => c);
    }

    /// <summary>The estimate and pairs columns of a run's summary.csv by (check, artifact type).</summary>
    private static Dictionary<(string, string), (double Estimate, int Pairs)> SummaryEstimates(string runFolder)
    {
        string[] lines = File.ReadAllLines(Path.Combine(runFolder, "summary.csv"));
        string[] header = lines[0].Split(',');
        int check = Array.IndexOf(header, "check"), type = Array.IndexOf(header, "artifact_type"), estimate = Array.IndexOf(header, "estimate"), pairs = Array.IndexOf(header, "pairs");
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => (c[check], c[type]), c => (Parse(c[estimate]), int.Parse(c[pairs], CultureInfo.InvariantCulture)));
    }
}
