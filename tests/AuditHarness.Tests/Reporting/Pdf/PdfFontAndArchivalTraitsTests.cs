using System.Text;
using System.Text.RegularExpressions;
using AuditHarness.Reporting.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace AuditHarness.Tests.Reporting.Pdf;

/// <summary>
/// What the report's file holds, read from its bytes: each DejaVu face embedded once and as a subset (the page text and
/// the charts share one typeface), the gallery's thumbnails as JPEG drawn at least 320 px wide at 100 dpi, and the
/// PDF/A-2B traits that can be checked without a validator (every font embedded, XMP metadata with the PDF/A
/// identification, an output intent). Nothing here validates PDF/A conformance, and the report does not claim it.
/// </summary>
[TestClass]
public sealed partial class PdfFontAndArchivalTraitsTests
{
    /// <summary>The shipped DejaVuSans.ttf; a font program this long or longer is the whole file, not a subset.</summary>
    private const int FullRegularLength = 759720;

    [TestMethod]
    public void EachFontFaceIsEmbeddedOnceAsASubsetAndUsedByPageTextAndCharts()
    {
        using var folder = new TempFolder();
        byte[] pdf = File.ReadAllBytes(new PdfReportExporter().Export(ReportFixtures.Full(folder.Path), folder.Path).Single());
        string text = Encoding.Latin1.GetString(pdf);

        string[] baseFonts = [.. BaseFont().Matches(text).Select(m => m.Groups[1].Value)];
        CollectionAssert.AreEquivalent(new[] { "DejaVuSans", "DejaVuSans-Bold" }, baseFonts.Select(n => n[(n.IndexOf('+') + 1)..]).ToArray(), string.Join(", ", baseFonts));
        Assert.IsTrue(baseFonts.All(n => SubsetTag().IsMatch(n)), "subset tag (six capitals and '+') on every font: " + string.Join(", ", baseFonts));

        // The font programs (FontFile2 streams): one per face, each far shorter than the shipped file.
        int[] programs = [.. FontFile2().Matches(text).Select(m => int.Parse(m.Groups[1].Value)).Distinct()];
        Assert.HasCount(2, programs, "one embedded font program per face");
        foreach (int id in programs)
        {
            Match obj = Regex.Match(text, $@"(?:^|\n){id} 0 obj\s*<<[^>]*?/Length1 (\d+)");
            Assert.IsTrue(obj.Success, $"font program {id} has no /Length1");
            Assert.IsLessThan(FullRegularLength / 4, int.Parse(obj.Groups[1].Value), $"font program {id} is not a subset");
        }

        // The charts' text is in the same fonts: no other font resource anywhere.
        using PdfDocument document = PdfDocument.Open(pdf);
        string[] letterFonts = [.. document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName ?? "(none)").Distinct()];
        Assert.IsTrue(letterFonts.All(f => f.EndsWith("DejaVuSans", StringComparison.Ordinal) || f.EndsWith("DejaVuSans-Bold", StringComparison.Ordinal)), string.Join(", ", letterFonts));
    }

    [TestMethod]
    public void GalleryImagesAreDrawnAtLeast320PixelsWideAt100Dpi()
    {
        using var folder = new TempFolder();
        using PdfDocument document = PdfDocument.Open(new PdfReportExporter().Export(ReportFixtures.Full(folder.Path), folder.Path).Single());
        Page[] pairPages = [.. document.GetPages().Where(p => p.Text.Contains("shortcut: pair p0", StringComparison.Ordinal))];

        Assert.HasCount(2, pairPages, "a page per gallery pair");
        foreach (Page page in pairPages)
        {
            IPdfImage[] images = [.. page.GetImages()];
            Assert.HasCount(4, images, $"page {page.Number}: original, artifact removed, placebo, heatmap");
            foreach (IPdfImage image in images)
            {
                Assert.IsGreaterThanOrEqualTo(320 * 72 / 100.0, image.BoundingBox.Width, $"page {page.Number}: an image {image.BoundingBox.Width:0.#} pt wide is under 320 px at 100 dpi");
            }
        }
    }

    [TestMethod]
    public void JpegThumbnailsAreEmbeddedAsTheyAreNotReencoded()
    {
        using var folder = new TempFolder();
        byte[] jpeg = JpegFixture();
        var document = new ReportDocument("jpeg", "test", PdfReportRenderer.DefaultDate, [new ImageRowBlock("row", [new ReportImage(jpeg, "a")], 100f)]);
        using var output = new MemoryStream();

        PdfReportRenderer.WritePdf(document, output);

        byte[] pdf = output.ToArray();
        Assert.IsGreaterThanOrEqualTo(0, pdf.AsSpan().IndexOf(jpeg.AsSpan()), "the JPEG's bytes appear unchanged (DCTDecode pass-through)");
    }

    [TestMethod]
    public void TextOutsideTheSubsetIsDrawnWithTheFullFontNotAsMissingGlyphs()
    {
        // U+0416 (Cyrillic Zhe) is in DejaVu Sans but not in the subset's repertoire (Latin, Greek, punctuation, a few signs).
        var document = new ReportDocument("cyrillic", "test", PdfReportRenderer.DefaultDate, [new ParagraphBlock("policy \u0416ukov-ok")]);
        using var output = new MemoryStream();

        PdfReportRenderer.WritePdf(document, output);

        using PdfDocument pdf = PdfDocument.Open(output.ToArray());
        StringAssert.Contains(pdf.GetPage(1).Text, "policy \u0416ukov-ok");
    }

    [TestMethod]
    public void TheCheckablePdfA2bTraitsArePresentFontsEmbeddedXmpIdentificationAndOutputIntent()
    {
        using var folder = new TempFolder();
        byte[] pdf = File.ReadAllBytes(new PdfReportExporter().Export(ReportFixtures.Full(folder.Path), folder.Path).Single());
        string text = Encoding.Latin1.GetString(pdf);

        // Every font descriptor points at an embedded font program.
        int descriptors = Regex.Matches(text, @"/Type /FontDescriptor").Count;
        Assert.IsGreaterThan(0, descriptors);
        Assert.AreEqual(descriptors, FontFile2().Matches(text).Count, "every font descriptor has an embedded FontFile2");

        // The catalogue's XMP metadata stream identifies PDF/A-2B.
        StringAssert.Matches(text, new Regex(@"/Type /Catalog[^>]*?/Metadata \d+ 0 R", RegexOptions.Singleline));
        StringAssert.Contains(text, "<pdfaid:part>2</pdfaid:part>");
        StringAssert.Contains(text, "<pdfaid:conformance>B</pdfaid:conformance>");

        // An output intent of the PDF/A kind with an embedded ICC profile.
        StringAssert.Matches(text, new Regex(@"/OutputIntents \[<</Type /OutputIntent\s*/S /GTS_PDFA1.*?/DestOutputProfile \d+ 0 R", RegexOptions.Singleline));
    }

    private static byte[] JpegFixture()
    {
        using var bitmap = new SkiaSharp.SKBitmap(64, 48);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(SkiaSharp.SKColors.Peru);
        }

        using SkiaSharp.SKData data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    [GeneratedRegex(@"/Subtype /Type0\s*/BaseFont /([A-Za-z0-9+\-]+)")]
    private static partial Regex BaseFont();

    [GeneratedRegex(@"^[A-Z]{6}\+")]
    private static partial Regex SubsetTag();

    [GeneratedRegex(@"/FontFile2 (\d+) 0 R")]
    private static partial Regex FontFile2();
}
