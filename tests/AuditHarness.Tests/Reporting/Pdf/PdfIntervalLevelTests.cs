using AuditHarness.Core.Specs;
using AuditHarness.Engine.Baseline;
using AuditHarness.Reporting.Pdf;
using AuditHarness.Results;
using UglyToad.PdfPig;

namespace AuditHarness.Tests.Reporting.Pdf;

/// <summary>The report names its intervals with the run's confidence level (<c>bootstrap.confidence</c>), not a fixed 95 %.</summary>
[TestClass]
public sealed class PdfIntervalLevelTests
{
    [TestMethod]
    public void ARunAt90PercentNamesEveryIntervalAt90Percent()
    {
        using var folder = new TempFolder();
        var bootstrap = new BootstrapSettings(2000, 7, 0.9);
        AuditSummary full = ReportFixtures.Full(folder.Path);
        AuditSummary summary = full with
        {
            Bootstrap = bootstrap,
            Provenance = full.Provenance! with { Bootstrap = bootstrap },
            Baseline = BaselineComparer.Compare(Run("base", 0.0, bootstrap: null), Run("candidate", 0.1, bootstrap)),
        };

        string path = new PdfReportExporter().Export(summary, folder.Path).Single();

        using PdfDocument pdf = PdfDocument.Open(path);
        string words = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        foreach (string named in new[]
        {
            "estimate 90 % CI artifact /", // checks table
            "Layers: mean over pairs with its 90 % cluster-bootstrap interval",
            "with its 90 % cluster-bootstrap interval",
            "Statistics: the interval is a 90 % percentile cluster bootstrap",
            "its whole 90 % confidence interval", // verdict rule
            "with its 90 % cluster-bootstrap interval (each resample draws the same subjects", // change since baseline
            "now change 90 % CI", // its table
        })
        {
            StringAssert.Contains(words, named, $"'{named}' is missing from the PDF text");
        }

        // PdfPig doubles some letters of the charts' rotated text, so the chart titles are read from the pages' raw text.
        string raw = string.Join(" ", pdf.GetPages().Select(p => p.Text));
        StringAssert.Contains(raw, "per layer (mean, 90 % CI)", "layer chart title");
        StringAssert.Contains(raw, "(90 % cluster-bootstrap CI)", "rates chart title");
        Assert.DoesNotContain("95 %", words);
        Assert.DoesNotContain("95 %", raw);
    }

    private static RecordedRun Run(string folder, double reliance, BootstrapSettings? bootstrap) => new(
        folder,
        "demo audit",
        "digest",
        [new RecordedModel("shortcut", "shortcut.onnx", null)],
        [new RecordedCheck("shortcut", "ruler", ReportFixtures.ScoreShift, [.. Enumerable.Range(0, 6).Select(i => new CheckPairValue($"p{i}", reliance + (0.01 * i), 0, reliance + (0.01 * i)))])],
        bootstrap);
}
