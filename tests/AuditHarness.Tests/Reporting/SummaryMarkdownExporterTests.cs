using AuditHarness.Core.Specs;
using AuditHarness.Reporting;
using AuditHarness.Results;

namespace AuditHarness.Tests.Reporting;

/// <summary>summary.md from the hand-made summary: verdicts, the not-passed checks with their numbers, the link to the PDF.</summary>
[TestClass]
public sealed class SummaryMarkdownExporterTests
{
    private static AuditSummary Summary(string folder) => ReportFixtures.Full(folder) with { RunId = "20261125T213005Z_9315e659" };

    [TestMethod]
    public void HoldsVerdictsNotPassedChecksAndTheReportLink()
    {
        using var folder = new TempFolder();
        string path = new SummaryMarkdownExporter().Export(Summary(folder.Path), folder.Path).Single();

        Assert.AreEqual(Path.Combine(folder.Path, "summary.md"), path);
        Assert.IsEmpty(Directory.GetFiles(folder.Path, "*.partial"));
        string text = File.ReadAllText(path);
        string[] lines = text.Split('\n');
        StringAssert.StartsWith(lines[0], "## ");
        StringAssert.EndsWith(lines[0], "Audit `demo audit`: **FAIL**");
        StringAssert.Contains(text, "run `20261125T213005Z_9315e659` · document `AH-demo audit-9315e659` rev. 1 · policy `dermoscopy-artifact-reliance`");
        StringAssert.Contains(text, "[report.pdf](report.pdf)");
        CollectionAssert.Contains(lines, "| shortcut | audited | **FAIL** | 3 of 4 |");
        CollectionAssert.Contains(lines, "| clean | audited | **PASS** | 0 of 1 |");

        // Numbers of the fixture, by hand: estimate, interval, threshold, n.
        CollectionAssert.Contains(lines, "| model | check | artifact | verdict | estimate | 95 % CI | threshold | n |");
        CollectionAssert.Contains(lines, "| shortcut | ruler-score-shift | ruler | FAIL | 0.1600 | [0.1200, 0.2010] | max 0.0500 | 9 |");
        CollectionAssert.Contains(lines, "| shortcut | ruler-flip-rate | ruler | WARN | 0.0300 | [0.0100, 0.0500] | max 0.0200 | 9 |");
        CollectionAssert.Contains(lines, "| shortcut | corner-score-shift | dark-corner | WARN | n/a | [n/a] | max 0.0500 | 0 |");
        Assert.IsFalse(lines.Any(l => l.Contains("ruler-layer-change", StringComparison.Ordinal)), "a PASS check is not listed");
        Assert.IsLessThan(60, lines.Length, "one page");
        Assert.DoesNotContain("\r", text);
    }

    [TestMethod]
    public void ReferenceModelIsMarkedAndTheOverallVerdictIsTheAuditedOnes()
    {
        AuditSummary summary = Summary("out");
        summary = summary with { Models = [summary.Models[0] with { Role = ModelRole.Reference }, summary.Models[1]] };

        string[] lines = SummaryMarkdownExporter.Render(summary).Split('\n');

        StringAssert.EndsWith(lines[0], "**PASS**");
        CollectionAssert.Contains(lines, "| shortcut | reference (decides nothing) | **FAIL** | 3 of 4 |");
        CollectionAssert.Contains(lines, "| shortcut (ref.) | ruler-score-shift | ruler | FAIL | 0.1600 | [0.1200, 0.2010] | max 0.0500 | 9 |");
    }

    [TestMethod]
    public void AllPassSaysSoWithoutATable()
    {
        AuditSummary summary = Summary("out") with { Models = [ReportFixtures.Clean()] };

        string text = SummaryMarkdownExporter.Render(summary);

        StringAssert.Contains(text, "Every check of every model passed.");
        Assert.DoesNotContain("Checks not passed", text);
    }
}
