using System.Text.Json.Nodes;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Tests.Reporting;
using UglyToad.PdfPig;

namespace AuditHarness.Tests.Engine.Pipeline;

/// <summary>A spec's <c>bootstrap.confidence</c> reaches every place the report names an interval, through a real run.</summary>
[TestClass]
public sealed class IntervalLevelEndToEndTests
{
    [TestMethod]
    public void ASpecAt90PercentGivesAReportThatSays90PercentWhereverItNamesAnInterval()
    {
        using var folder = new TempFolder();
        string specPath = AuditSpecFiles.Write(folder.Path, DemoManifestCut.Write(folder.Path, every: 20));
        JsonNode spec = JsonNode.Parse(File.ReadAllText(specPath))!;
        spec["bootstrap"]!["confidence"] = 0.9;
        File.WriteAllText(specPath, spec.ToJsonString());

        AuditPipelineResult result = AuditPipeline.Run(AuditSpecLoader.Load(specPath), new AuditPipelineOptions { OutputFolder = Path.Combine(folder.Path, "run") });

        using PdfDocument pdf = PdfDocument.Open(Path.Combine(result.Folder, "report.pdf"));
        string words = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        string raw = string.Join(" ", pdf.GetPages().Select(p => p.Text));
        StringAssert.Contains(words, "estimate 90 % CI artifact /", "checks table header");
        StringAssert.Contains(words, "Statistics: the interval is a 90 % percentile cluster bootstrap", "method section");
        StringAssert.Contains(words, "its whole 90 % confidence interval", "verdict rule");
        StringAssert.Contains(raw, "(90 % cluster-bootstrap CI)", "rates chart title");
        Assert.DoesNotContain("95 %", words);
        Assert.DoesNotContain("95 %", raw);
    }
}
