using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Statistics;
using AuditHarness.Reporting.Pdf;
using AuditHarness.Results;
using ScottPlot;
using ScottPlot.Plottables;
using UglyToad.PdfPig;

namespace AuditHarness.Tests.Reporting.Pdf;

/// <summary>A chart whose every value is 0 says so, instead of showing flat lines that look like a failed drawing.</summary>
[TestClass]
public sealed class PdfAllZeroChartTests
{
    [TestMethod]
    public void ChartsOfOnlyZerosSayAllValuesZero()
    {
        ModelAuditSummary model = Flat();

        IReadOnlyList<ChartBlock> charts = ReportCharts.For(model, 0.95);

        // Score shift, the two layer charts and the rate chart: each carries the label in its data area.
        Assert.AreEqual(4, charts.Count);
        foreach (ChartBlock chart in charts)
        {
            Plot plot = chart.CreatePlot();
            Assert.IsTrue(plot.GetPlottables().OfType<Annotation>().Any(a => a.Text == "all values 0"), $"{chart.Name} shows only zeros but does not say so");
        }

        StringAssert.Contains(ChartText(new AuditSummary("zeros", "out", 0.2, [model])), "all values 0", "the label is not drawn into the PDF");
    }

    [TestMethod]
    public void ChartsWithValuesDoNotClaimAllZero()
    {
        AuditSummary summary = ReportFixtures.Full();
        IReadOnlyList<ChartBlock> charts = [.. summary.Models.SelectMany(m => ReportCharts.For(m, 0.95))];

        Assert.IsTrue(charts.Count >= 4, "the fixture draws charts, so the absence below proves something");
        foreach (ChartBlock chart in charts)
        {
            Assert.IsFalse(chart.CreatePlot().GetPlottables().OfType<Annotation>().Any(a => a.Text == "all values 0"), $"{chart.Name} has values but claims all are 0");
        }

        Assert.IsFalse(ChartText(summary).Contains("all values 0", StringComparison.Ordinal));
    }

    private static ModelAuditSummary Flat()
    {
        var flip = new PolicyCheck("ruler-flip-rate", MetricKind.FlipRate, ["ruler"], null, 0.02, ThresholdDirection.Max, null);
        CheckResult[] checks = [new("flat", "ruler", flip, 6, 0, 0, 0, 0, 0, 1, Verdict.Pass, null) { HolmPValue = 1, ResampledUnit = CheckResult.PairUnit, Clusters = 6 }];
        double[] zeros = [0, 0, 0, 0, 0, 0];
        var zero = new Interval(0, 0, 0);
        var profile = new ArtifactTypeProfile("ruler", 6, zeros, zeros, BoxSummary.Describe(zeros), BoxSummary.Describe(zeros), [new LayerProfile("model.9", zero, zero, zero, zero)]);
        return new ModelAuditSummary("flat", "models/flat.onnx", 6, 6, [], checks, new Dictionary<string, IReadOnlyList<SelectiveChannel>>(StringComparer.Ordinal)) { Profiles = [profile] };
    }

    private static string ChartText(AuditSummary summary)
    {
        using var folder = new TempFolder();
        string path = new PdfReportExporter().Export(summary with { OutputFolder = folder.Path }, folder.Path).Single();
        using PdfDocument pdf = PdfDocument.Open(path);

        // PdfPig may double letters of ScottPlot's flipped text matrix; Page.Text keeps them in order.
        return string.Join(" ", pdf.GetPages().Select(p => p.Text));
    }
}
