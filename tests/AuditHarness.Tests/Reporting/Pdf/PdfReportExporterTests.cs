using System.Globalization;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Statistics;
using AuditHarness.Reporting.Pdf;
using AuditHarness.Results;
using SkiaSharp;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace AuditHarness.Tests.Reporting.Pdf;

[TestClass]
public sealed class PdfReportExporterTests
{
    [TestMethod]
    public void PdfTextNamesTheVerdictEveryModelArtifactTypeAndCheck()
    {
        using var folder = new TempFolder();
        AuditSummary summary = ReportFixtures.Summary(folder.Path);

        string path = new PdfReportExporter().Export(summary, folder.Path).Single();

        Assert.AreEqual(Path.Combine(folder.Path, "report.pdf"), path);
        Assert.IsEmpty(Directory.GetFiles(folder.Path, "*.partial"));
        string text = AllText(path);
        StringAssert.Contains(text, "FAIL");
        StringAssert.Contains(text, "demo audit");
        foreach (string expected in new[] { "shortcut", "clean", "models/shortcut.onnx", "ruler", "dark-corner", "ruler-score-shift", "ruler-flip-rate", "ruler-layer-change", "corner-score-shift", "n/a", "p010", "page 1 of", "author", "reviewer", "approver" })
        {
            StringAssert.Contains(text, expected, $"'{expected}' is missing from the PDF text");
        }
    }

    [TestMethod]
    public void BrokenRunShowsBroken()
    {
        using var folder = new TempFolder();
        string path = new PdfReportExporter().Export(ReportFixtures.Broken(folder.Path), folder.Path).Single();

        StringAssert.Contains(AllText(path), "BROKEN");
    }

    [TestMethod]
    public void SameSummaryGivesIdenticalBytes()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();

        byte[] a = File.ReadAllBytes(new PdfReportExporter().Export(ReportFixtures.Summary(first.Path), first.Path).Single());
        byte[] b = File.ReadAllBytes(new PdfReportExporter().Export(ReportFixtures.Summary(second.Path), second.Path).Single());

        CollectionAssert.AreEqual(a, b);
    }

    [TestMethod]
    public void RasterPagesShowDrawnText()
    {
        using var folder = new TempFolder();
        IReadOnlyList<string> pages = PdfReportRenderer.RenderPagesToPng(ReportFixtures.Summary(folder.Path), folder.Path);

        Assert.IsGreaterThanOrEqualTo(2, pages.Count);
        // The cover and the checks page are full; the last page (method, sign-off) is mostly text on white.
        for (int i = 0; i < pages.Count; i++)
        {
            using SKBitmap bitmap = SKBitmap.Decode(pages[i]);
            Assert.IsGreaterThan(i < 2 ? 0.01 : 0.001, NonWhiteShare(bitmap), $"{pages[i]} is almost blank");
        }

        // The cover's verdict is drawn in large red type; a font that draws nothing would leave no red pixels.
        using SKBitmap cover = SKBitmap.Decode(pages[0]);
        Assert.IsGreaterThan(500, CountPixels(cover, c => c.Red > 150 && c.Green < 90 && c.Blue < 90));

        // Text gives many short dark runs along a row; table lines alone give few long ones.
        Assert.IsGreaterThan(200, DarkRunStarts(cover));
    }

    [TestMethod]
    public void LargeSummaryPaginatesWithoutLosingRows()
    {
        using var folder = new TempFolder();
        AuditSummary summary = Large(folder.Path);

        string path = new PdfReportExporter().Export(summary, folder.Path).Single();

        using PdfDocument pdf = PdfDocument.Open(path);
        Assert.IsGreaterThan(2, pdf.NumberOfPages);
        string text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        for (int i = 0; i < 40; i++)
        {
            StringAssert.Contains(text, CheckId(i));
        }

        for (int i = 0; i < 20; i++)
        {
            StringAssert.Contains(text, PairId(i));
        }

        Assert.DoesNotContain(PairId(20), text, "only the first 20 failures are listed");

        // Every page holding a check row also holds the repeated header.
        int tablePages = 0;
        foreach (Page page in pdf.GetPages())
        {
            string pageText = string.Join(" ", page.GetWords().Select(w => w.Text));

            // A table cell holds the bare id; the acceptance criteria name it as "check-007:", page 1 and the limitations as "check-007 on ruler".
            Word[] words = [.. page.GetWords()];
            if (words.Where((w, i) => w.Text.StartsWith("check-", StringComparison.Ordinal) && !w.Text.EndsWith(':') && (i + 1 == words.Length || words[i + 1].Text != "on")).Any())
            {
                tablePages++;
                StringAssert.Contains(pageText, "estimate");
                StringAssert.Contains(pageText, "p-value");
            }

            StringAssert.Contains(pageText, $"of {pdf.NumberOfPages.ToString(CultureInfo.InvariantCulture)}");
        }

        Assert.IsGreaterThan(1, tablePages);
    }

    [TestMethod]
    public void WordTooLongForItsColumnWrapsInsteadOfBeingCut()
    {
        using var folder = new TempFolder();
        string longId = "check-" + new string('Z', 120) + "-end";
        PolicyCheck check = ReportFixtures.ScoreShift with { Id = longId };
        ModelAuditSummary model = ReportFixtures.Clean() with
        {
            Checks = [new CheckResult("clean", "ruler", check, 3, 0.1, 0, 0.2, 0.1, 0, 0.5, Verdict.Warn, null)],
        };
        var summary = new AuditSummary("long", folder.Path, 0.2, [model]);

        string text = AllText(new PdfReportExporter().Export(summary, folder.Path).Single());

        // Extraction reads row by row across cells, so the wrapped id comes back in pieces: count what arrived.
        // Four times: page 1's line of the WARN check, the checks table, the acceptance criteria and the limitations (a WARN is one).
        Assert.AreEqual(4 * 120, text.Count(c => c == 'Z'), "every character of the long id is drawn, none clipped");
        StringAssert.Contains(text, "end");
    }

    private static AuditSummary Large(string folder)
    {
        var checks = new List<CheckResult>();
        for (int i = 0; i < 40; i++)
        {
            PolicyCheck check = ReportFixtures.ScoreShift with { Id = CheckId(i) };
            Verdict verdict = (Verdict)(i % 3);
            checks.Add(new CheckResult("big", "ruler", check, 50, i / 100.0, (i / 100.0) - 0.01, (i / 100.0) + 0.01, 0.1, 0.05, 0.01, verdict, null));
        }

        PairFailure[] failures = [.. Enumerable.Range(0, 500).Select(i => new PairFailure("big", PairId(i), i + 2, "inference", "the image could not be decoded: truncated JPEG data in scan " + i.ToString(CultureInfo.InvariantCulture)))];
        var model = new ModelAuditSummary("big", "models/big.onnx", 1000, 500, failures, checks, new Dictionary<string, IReadOnlyList<SelectiveChannel>>());
        return new AuditSummary("large audit", folder, 0.6, [model]);
    }

    private static string CheckId(int i) => "check-" + i.ToString("000", CultureInfo.InvariantCulture);

    private static string PairId(int i) => "pair" + i.ToString("0000", CultureInfo.InvariantCulture);

    private static string AllText(string path)
    {
        using PdfDocument pdf = PdfDocument.Open(path);
        return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    private static double NonWhiteShare(SKBitmap bitmap) => (double)CountPixels(bitmap, c => c.Red < 240 || c.Green < 240 || c.Blue < 240) / (bitmap.Width * bitmap.Height);

    private static int CountPixels(SKBitmap bitmap, Func<SKColor, bool> predicate)
    {
        int count = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                if (predicate(bitmap.GetPixel(x, y)))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static int DarkRunStarts(SKBitmap bitmap)
    {
        int starts = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            bool dark = false;
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor c = bitmap.GetPixel(x, y);
                bool now = c.Red < 100 && c.Green < 100 && c.Blue < 100;
                if (now && !dark)
                {
                    starts++;
                }

                dark = now;
            }
        }

        return starts;
    }
}
