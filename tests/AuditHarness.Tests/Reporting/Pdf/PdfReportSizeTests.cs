using System.Text;
using System.Text.RegularExpressions;
using AuditHarness.Core.Statistics;
using AuditHarness.Reporting.Pdf;
using AuditHarness.Results;
using ScottPlot;
using UglyToad.PdfPig;

namespace AuditHarness.Tests.Reporting.Pdf;

/// <summary>
/// The report stays small at any number of pairs: a box draws at most <see cref="PointSample.MaxPoints"/> points and
/// says when it draws fewer than it has pairs, its box and whiskers still from every pair (the engine's numbers).
/// </summary>
[TestClass]
public sealed partial class PdfReportSizeTests
{
    private const int PairsPerBox = 200_000;

    [TestMethod]
    public void AReportOf200000PairsPerBoxIsUnderOneMegabyteAndSaysItsPointsAreASample()
    {
        AuditSummary summary = Large(ReportFixtures.Full(), PairsPerBox);
        using var folder = new TempFolder();

        string path = new PdfReportExporter().Export(summary with { OutputFolder = folder.Path }, folder.Path).Single();

        long bytes = new FileInfo(path).Length;
        Assert.IsLessThan(1_000_000L, bytes, $"report.pdf of {PairsPerBox} pairs per box is {bytes} bytes");
        using PdfDocument pdf = PdfDocument.Open(path);
        string text = Squash(string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text)))));
        int boxes = summary.Models.Sum(m => m.Profiles.Count) * 2;
        StringAssert.Contains(text, Squash($"Here {boxes} of the {boxes} boxes draw a sample of their pairs as points, the largest box holding {PairsPerBox} pairs."));
    }

    [TestMethod]
    public void EachBoxDrawsAtMostTheBoundAndItsTickSaysHowManyOfHowManyPairs()
    {
        AuditSummary summary = Large(ReportFixtures.Full(), PairsPerBox);

        foreach (ModelAuditSummary model in summary.Models)
        {
            using Plot plot = ReportCharts.For(model, 0.95)[0].CreatePlot();

            BoxPoints[] points = [.. plot.GetPlottables().OfType<BoxPoints>()];
            Assert.HasCount(model.Profiles.Count * 2, points);
            Assert.IsTrue(points.All(p => p.Count == PointSample.MaxPoints), string.Join(", ", points.Select(p => p.Count)));
            string[] labels = TickLabels(plot);
            foreach (ArtifactTypeProfile profile in model.Profiles)
            {
                CollectionAssert.Contains(labels, $"{profile.ArtifactType}\nn {PairsPerBox} / {PairsPerBox}\npoints {PointSample.MaxPoints} / {PointSample.MaxPoints}", string.Join(" | ", labels));
            }
        }
    }

    [TestMethod]
    public void PairsAreCountedFromTheBoxNotFromTheValuesTheEngineKept()
    {
        // The engine may keep fewer values than it summarised: 50 kept of 120000 counted draws 50 points, and says so.
        double[] kept = [.. Enumerable.Range(0, 50).Select(i => i / 50.0)];
        var box = new BoxSummary(120_000, 0, 0.25, 0.5, 0.75, 1, 0.5);
        var profile = new ArtifactTypeProfile("ruler", 120_000, kept, kept, box, box, []);
        ModelAuditSummary model = ReportFixtures.Full().Models[0] with { Profiles = [profile] };

        using Plot plot = ReportCharts.For(model, 0.95)[0].CreatePlot();

        CollectionAssert.Contains(TickLabels(plot), "ruler\nn 120000 / 120000\npoints 50 / 50");
        Assert.IsTrue(plot.GetPlottables().OfType<BoxPoints>().All(p => p.Count == 50));
        Assert.IsTrue(ReportCharts.IsSampled(box, kept));
    }

    [TestMethod]
    public void ABoxThatDrawsEveryPairSaysNothingAboutASample()
    {
        AuditSummary summary = ReportFixtures.Full();
        using Plot plot = ReportCharts.For(summary.Models[0], 0.95)[0].CreatePlot();

        Assert.IsFalse(TickLabels(plot).Any(l => l.Contains("points", StringComparison.Ordinal)), string.Join(" | ", TickLabels(plot)));
        Assert.IsTrue(plot.GetPlottables().OfType<BoxPoints>().Any(p => p.Count == 9), "the fixture's ruler boxes hold 9 pairs, all drawn");
        using var folder = new TempFolder();
        string path = new PdfReportExporter().Export(summary with { OutputFolder = folder.Path }, folder.Path).Single();
        using PdfDocument pdf = PdfDocument.Open(path);
        string text = string.Join(" ", pdf.GetPages().Select(p => p.Text));
        Assert.IsFalse(text.Contains("draw a sample of their pairs", StringComparison.Ordinal));
    }

    [TestMethod]
    public void ChartsAreDrawnOnceIntoThePageWithoutFormXObjects()
    {
        // A chart that clears its canvas makes Skia's PDF backend wrap the page so far into a masked form XObject,
        // so every chart carried the page before it a second time.
        using var folder = new TempFolder();
        string path = new PdfReportExporter().Export(ReportFixtures.Full() with { OutputFolder = folder.Path }, folder.Path).Single();

        string raw = Encoding.Latin1.GetString(File.ReadAllBytes(path));

        Assert.IsTrue(raw.Contains("/Subtype /Image", StringComparison.Ordinal), "the fixture has a gallery, so the PDF has XObjects at all");
        Assert.IsFalse(raw.Contains("/Subtype /Form", StringComparison.Ordinal), "a chart was wrapped into a form XObject");
    }

    /// <summary>Every profile of <paramref name="summary"/> with <paramref name="pairs"/> score drops per box, spread over [-0.2, 0.9].</summary>
    private static AuditSummary Large(AuditSummary summary, int pairs)
    {
        var random = new Random(7);
        ArtifactTypeProfile Grow(ArtifactTypeProfile profile)
        {
            double[] artifact = [.. Enumerable.Range(0, pairs).Select(_ => -0.2 + (1.1 * random.NextDouble()))];
            double[] placebo = [.. Enumerable.Range(0, pairs).Select(_ => 0.05 * (random.NextDouble() - 0.5))];
            return profile with { Pairs = pairs, ScoreShiftArtifact = artifact, ScoreShiftPlacebo = placebo, ScoreShiftArtifactBox = BoxSummary.Describe(artifact), ScoreShiftPlaceboBox = BoxSummary.Describe(placebo) };
        }

        return summary with { Models = [.. summary.Models.Select(m => m with { Profiles = [.. m.Profiles.Select(Grow)] })] };
    }

    private static string[] TickLabels(Plot plot)
    {
        plot.RenderInMemory(600, 300); // ticks are generated when the plot is laid out
        return [.. plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label)];
    }

    private static string Squash(string text) => WhiteSpace().Replace(text, string.Empty);

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
