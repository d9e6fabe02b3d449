using System.Text.RegularExpressions;
using AuditHarness.Core.Policies;
using AuditHarness.Reporting.Pdf;
using AuditHarness.Results;
using SkiaSharp;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace AuditHarness.Tests.Reporting.Pdf;

/// <summary>The report of a summary as a run makes it: cover provenance, environment, charts, gallery, channels, method.</summary>
[TestClass]
public sealed partial class PdfReportContentTests
{
    [TestMethod]
    [DataRow("")]
    [DataRow("de-DE")]
    public void PdfTextHasVerdictHashArtifactTypesChecksAndPointDecimals(string culture)
    {
        using var folder = new TempFolder();
        string path;
        using (new CultureScope(culture))
        {
            path = new PdfReportExporter().Export(ReportFixtures.Full(folder.Path), folder.Path).Single();
        }

        using PdfDocument pdf = PdfDocument.Open(path);
        string[] words = [.. pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)];
        string text = string.Join(" ", words);
        CollectionAssert.Contains(words, "FAIL");
        CollectionAssert.Contains(words, ReportFixtures.ShortcutSha256, "the model hash is one unbroken word on the cover");
        foreach (string expected in new[] { "ruler", "dark-corner", "ruler-score-shift", "ruler-flip-rate", "ruler-layer-change", "corner-score-shift", "2026-11-25 21:30:05", "dermoscopy-artifact-reliance", "f0256cdb441a768430524e4eb6b51eb7c561e190ca1f23b27760856078c806e2", "Test CPU 9000", "1.31.1", "4.13.0", "abc123" })
        {
            StringAssert.Contains(text, expected, $"'{expected}' is missing from the PDF text");
        }

        // Numbers from the summary and from the charts' tick labels, with '.' decimals whatever the culture.
        StringAssert.Contains(text, "0.1600");
        StringAssert.Contains(text, "[0.1200, 0.2010]");
        StringAssert.DoesNotMatch(string.Join(" ", pdf.GetPages().Select(p => p.Text)), DigitCommaDigit(), "a comma decimal slipped into the PDF");
    }

    [TestMethod]
    public void ChartLabelsGalleryChannelsAndMethodAreInTheText()
    {
        using var folder = new TempFolder();
        string path = new PdfReportExporter().Export(ReportFixtures.Full(folder.Path), folder.Path).Single();

        using PdfDocument pdf = PdfDocument.Open(path);
        // PdfPig's word grouping doubles letters of ScottPlot's flipped text matrix; the letters themselves are right.
        string chartPages = string.Join(" ", pdf.GetPages().Skip(PageIndex(pdf, "Charts")).Take(3).Select(p => p.Text));
        foreach (string label in new[] { "shortcut: score drop per pair", "artifact removed", "placebo", "model.2", "model.9", "ruler-flip-rate", "rate reliance", "inside-share", "cluster-bootstrap" })
        {
            StringAssert.Contains(chartPages, label, $"chart label '{label}' was not drawn");
        }

        // The gallery: its intro page, then a page per pair.
        int galleryStart = PageIndex(pdf, "Most affected pairs"), galleryEnd = PageIndex(pdf, "Top artifact-selective channels");
        string gallery = string.Join(" ", pdf.GetPages().Skip(galleryStart).Take(galleryEnd - galleryStart).Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        StringAssert.Contains(gallery, "shortcut: 2 pairs, heatmap layer model.9 (colour scale 0 to 0.8000)");
        StringAssert.Contains(gallery, "shortcut: pair p003 (ruler, image p003.jpg; heatmap layer model.9)");
        StringAssert.Contains(gallery, "score drop 0.7100");
        StringAssert.Contains(gallery, "activation change at model.9: largest 0.5000, colour scale 0 to 0.8000");
        string channels = PageText(pdf, "Top artifact-selective channels");
        StringAssert.Contains(channels, "p003");
        string method = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        foreach (string expected in new[] { "Masking: method counterfactual", "Placebo rule:", "2000 resamples", "ruler-score-shift: the reliance in score-shift on ruler must be at most 0.0500. Removing the ruler must not lower scores." })
        {
            StringAssert.Contains(method, expected);
        }
    }

    [TestMethod]
    public void SameSummaryWithChartsAndImagesGivesIdenticalBytes()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();

        byte[] a = File.ReadAllBytes(new PdfReportExporter().Export(ReportFixtures.Full(first.Path), first.Path).Single());
        byte[] b = File.ReadAllBytes(new PdfReportExporter().Export(ReportFixtures.Full(second.Path), second.Path).Single());

        CollectionAssert.AreEqual(a, b);
        using PdfDocument pdf = PdfDocument.Open(a);
        Assert.AreEqual(2026, pdf.Information.GetCreatedDateTimeOffset()!.Value.Year, "dated by the run's start, not pinned to 2000");
    }

    [TestMethod]
    public void ChartAndGalleryPagesAreDrawnOnTheRasterCanvas()
    {
        using var folder = new TempFolder();
        AuditSummary summary = ReportFixtures.Full(folder.Path);
        IReadOnlyList<string> pages = PdfReportRenderer.RenderPagesToPng(summary, folder.Path, scale: 1f);
        string pdfPath = new PdfReportExporter().Export(summary, folder.Path).Single();
        using PdfDocument pdf = PdfDocument.Open(pdfPath);
        Assert.HasCount(pdf.NumberOfPages, pages);

        // The chart area is below the heading and intro; the artifact series are drawn in red (#C62828).
        using SKBitmap charts = SKBitmap.Decode(pages[PageIndex(pdf, "Charts")]);
        var chartArea = SKRectI.Create(50, 200, 495, 540);
        Assert.IsGreaterThan(0.03, Share(charts, chartArea, c => c.Red < 235 || c.Green < 235 || c.Blue < 235), "chart area is almost blank");
        Assert.IsGreaterThan(300, Count(charts, chartArea, c => c.Red > 150 && c.Green < 110 && c.Blue < 110), "no red artifact series drawn");

        // The gallery's heatmap test image is steel blue (70, 130, 180), its originals saddle brown (139, 69, 19).
        using SKBitmap gallery = SKBitmap.Decode(pages[PageIndex(pdf, "Most affected pairs") + 1]); // the first pair's page
        var page = SKRectI.Create(0, 0, gallery.Width, gallery.Height);
        Assert.IsGreaterThan(2000, Count(gallery, page, c => Near(c, 70, 130, 180)), "heatmap images missing");
        Assert.IsGreaterThan(2000, Count(gallery, page, c => Near(c, 139, 69, 19)), "original images missing");
    }

    [TestMethod]
    public void ChartTallerThanAPageThrowsNamingIt()
    {
        var chart = new ChartBlock("huge chart", 2000f, () => new ScottPlot.Plot());

        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => Write(chart));

        StringAssert.Contains(ex.Message, "chart 'huge chart'");
    }

    [TestMethod]
    public void ImageRowTallerThanAPageThrowsNamingIt()
    {
        var row = new ImageRowBlock("huge row", [new ReportImage(ReportFixtures.Png(SKColors.Red), "a")], 1000f);

        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => Write(row));

        StringAssert.Contains(ex.Message, "image row 'huge row'");
    }

    [TestMethod]
    public void BytesThatAreNoImageThrowNamingTheRowAndTheImage()
    {
        var row = new ImageRowBlock("broken row", [new ReportImage(ReportFixtures.Png(SKColors.Red), "a"), new ReportImage([1, 2, 3], "b")], 100f);

        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => Write(row));

        StringAssert.Contains(ex.Message, "image row 'broken row', image 2");
    }

    [TestMethod]
    public void TableCellTallerThanAPageThrowsNamingTableAndRow()
    {
        string tall = string.Join("\n", Enumerable.Repeat("line", 200));
        var table = new TableBlock("tall table", ["a", "b"], [1f, 1f], [new TableRow(["short", "short"]), new TableRow(["x", tall])]);

        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => Write(table));

        StringAssert.Contains(ex.Message, "table 'tall table', row 2");
    }

    [TestMethod]
    public void ComposerSectionsComeInReadingOrder()
    {
        ReportDocument document = ReportComposer.Compose(ReportFixtures.Full(), PdfReportRenderer.DefaultDate);

        string[] headings = [.. document.Blocks.OfType<HeadingBlock>().Select(h => h.Text)];

        CollectionAssert.AreEqual(new[] { "Audit identification", "Intended use and scope", "Dataset", "Model identification", "Environment", "Checks", "Charts", "Most affected pairs", "Top artifact-selective channels", "Errors", "Method", "Acceptance criteria (policy dermoscopy-artifact-reliance)", "Limitations and deviations", "Sign-off" }, headings);
        Assert.HasCount(7, document.Blocks.OfType<ChartBlock>(), "per model: score shift, two layer charts, and rates where it has a rate check (clean has none)");
        Assert.HasCount(4, document.Blocks.OfType<ImageRowBlock>(), "two gallery pairs, each in two rows of two images");
    }

    [TestMethod]
    public void MethodExplainsEveryMetricOfTheCatalogInItsOrder()
    {
        ReportDocument document = ReportComposer.Compose(ReportFixtures.Full(), PdfReportRenderer.DefaultDate);
        string[] paragraphs = [.. document.Blocks.OfType<ParagraphBlock>().Select(p => p.Text)];

        int[] at = [.. MetricCatalog.All.Select(m => Array.IndexOf(paragraphs, m.Glossary))];

        Assert.IsTrue(at[0] > 0, "the score-shift sentence is missing");
        CollectionAssert.AreEqual(Enumerable.Range(at[0], at.Length).ToArray(), at, "one sentence per metric, one after another, in catalog order");
        CollectionAssert.Contains(paragraphs, "on-artifact rate: the share of all the original's detections (pooled over the pairs) whose box is at least half covered by the artifact.");
    }

    private static void Write(ReportBlock block)
    {
        var document = new ReportDocument("t", "a", PdfReportRenderer.DefaultDate, [new ParagraphBlock("before"), block]);
        using var stream = new MemoryStream();
        PdfReportRenderer.WritePdf(document, stream);
    }

    private static int PageIndex(PdfDocument pdf, string heading)
    {
        foreach (Page page in pdf.GetPages())
        {
            if (string.Join(" ", page.GetWords().Select(w => w.Text)).Contains(heading, StringComparison.Ordinal))
            {
                return page.Number - 1;
            }
        }

        throw new AssertFailedException($"no page has '{heading}'");
    }

    private static string PageText(PdfDocument pdf, string marker) =>
        string.Join(" ", pdf.GetPage(PageIndex(pdf, marker) + 1).GetWords().Select(w => w.Text));

    private static bool Near(SKColor c, int r, int g, int b) => Math.Abs(c.Red - r) < 12 && Math.Abs(c.Green - g) < 12 && Math.Abs(c.Blue - b) < 12;

    private static double Share(SKBitmap bitmap, SKRectI area, Func<SKColor, bool> predicate) => (double)Count(bitmap, area, predicate) / (area.Width * area.Height);

    private static int Count(SKBitmap bitmap, SKRectI area, Func<SKColor, bool> predicate)
    {
        int count = 0;
        for (int y = area.Top; y < Math.Min(area.Bottom, bitmap.Height); y++)
        {
            for (int x = area.Left; x < Math.Min(area.Right, bitmap.Width); x++)
            {
                if (predicate(bitmap.GetPixel(x, y)))
                {
                    count++;
                }
            }
        }

        return count;
    }

    [GeneratedRegex(@"\d,\d")]
    private static partial Regex DigitCommaDigit();
}
