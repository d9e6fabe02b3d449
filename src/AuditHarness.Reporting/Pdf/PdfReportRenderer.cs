using AuditHarness.Results;
using SkiaSharp;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// Draws the report laid out once by the page layout to either a PDF document or PNG pages. Both replay the same
/// measured page operations, so a test looking at the PNGs sees what the PDF holds.
/// </summary>
public static class PdfReportRenderer
{
    /// <summary>
    /// The date written into the PDF metadata when none is given. The summary records no time, and the clock
    /// would make two exports of one summary differ, so the report pins this date instead.
    /// </summary>
    public static readonly DateTime DefaultDate = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Writes the PDF of <paramref name="summary"/> to <paramref name="output"/>; same summary and date, same bytes.
    /// Without <paramref name="date"/> the report is dated when the run started (<see cref="AuditProvenance.StartedUtc"/>), else <see cref="DefaultDate"/>.
    /// </summary>
    public static void WritePdf(AuditSummary summary, Stream output, DateTime? date = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        WritePdf(ReportComposer.Compose(summary, date ?? summary.Provenance?.StartedUtc ?? DefaultDate), output);
    }

    /// <summary>
    /// Lays out and writes an already composed document (e.g. <see cref="ReportComposer.Compose"/> plus sections of
    /// one's own). Throws <see cref="InvalidOperationException"/> naming the block when something cannot fit on a page.
    /// </summary>
    public static void WritePdf(ReportDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        using ReportFonts fonts = ReportFonts.Load();
        IReadOnlyList<IReadOnlyList<PageOp>> pages = PageLayout.Lay(document, fonts);

        var metadata = new SKDocumentPdfMetadata
        {
            Title = document.Title,
            Author = document.Author,
            Creator = "AuditHarness",
            Producer = "AuditHarness (SkiaSharp PDF)",
            Creation = document.Date,
            Modified = document.Date,
            PdfA = true,
        };
        using var prepared = new PreparedDrawings(pages);
        using var buffer = new MemoryStream();
        using (SKDocument pdf = SKDocument.CreatePdf(buffer, metadata) ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document."))
        {
            foreach (IReadOnlyList<PageOp> page in pages)
            {
                SKCanvas canvas = pdf.BeginPage(PageLayout.PageWidth, PageLayout.PageHeight);
                Draw(canvas, page, fonts, prepared);
                pdf.EndPage();
            }

            pdf.Close();
        }

        output.Write(PdfDocumentId.Pin(buffer.ToArray()));
    }

    /// <summary>Renders every page to <c>page-001.png</c>, ... in <paramref name="folder"/> and returns their paths.</summary>
    public static IReadOnlyList<string> RenderPagesToPng(AuditSummary summary, string folder, float scale = 1.5f)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return RenderPagesToPng(ReportComposer.Compose(summary, summary.Provenance?.StartedUtc ?? DefaultDate), folder, scale);
    }

    /// <summary>Renders every page of a composed document to <c>page-001.png</c>, ... in <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> RenderPagesToPng(ReportDocument document, string folder, float scale = 1.5f)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        using ReportFonts fonts = ReportFonts.Load();
        IReadOnlyList<IReadOnlyList<PageOp>> pages = PageLayout.Lay(document, fonts);
        using var prepared = new PreparedDrawings(pages);
        var paths = new List<string>();
        var info = new SKImageInfo((int)Math.Ceiling(PageLayout.PageWidth * scale), (int)Math.Ceiling(PageLayout.PageHeight * scale));
        for (int i = 0; i < pages.Count; i++)
        {
            using SKSurface surface = SKSurface.Create(info) ?? throw new InvalidOperationException("SkiaSharp could not create a raster surface.");
            SKCanvas canvas = surface.Canvas;
            canvas.Clear(SKColors.White);
            canvas.Scale(scale);
            Draw(canvas, pages[i], fonts, prepared);
            using SKImage image = surface.Snapshot();
            using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
            string path = Path.Combine(folder, $"page-{i + 1:000}.png");
            File.WriteAllBytes(path, png.ToArray());
            paths.Add(path);
        }

        return paths;
    }

    private static void DrawChart(SKCanvas canvas, ChartOp chart, PreparedDrawings prepared)
    {
        using SKPicture picture = prepared.Take(chart);
        int save = canvas.Save();
        try
        {
            canvas.Translate(chart.X, chart.Y);
            canvas.ClipRect(SKRect.Create(0, 0, chart.Width, chart.Height));
            picture.Playback(canvas);
        }
        finally
        {
            canvas.RestoreToCount(save);
        }
    }

    private static void Draw(SKCanvas canvas, IReadOnlyList<PageOp> ops, ReportFonts fonts, PreparedDrawings prepared)
    {
        using var paint = new SKPaint { IsAntialias = true };
        foreach (PageOp op in ops)
        {
            switch (op)
            {
                case RectOp rect:
                    var bounds = SKRect.Create(rect.X, rect.Y, rect.Width, rect.Height);
                    if (rect.Fill != 0)
                    {
                        paint.Style = SKPaintStyle.Fill;
                        paint.Color = new SKColor(rect.Fill);
                        canvas.DrawRect(bounds, paint);
                    }

                    if (rect.Stroke != 0)
                    {
                        paint.Style = SKPaintStyle.Stroke;
                        paint.StrokeWidth = 0.5f;
                        paint.Color = new SKColor(rect.Stroke);
                        canvas.DrawRect(bounds, paint);
                    }

                    break;
                case ChartOp chart:
                    DrawChart(canvas, chart, prepared);
                    break;
                case ImageOp image:
                    using (SKImage decoded = prepared.Take(image))
                    {
                        canvas.DrawImage(decoded, SKRect.Create(image.X, image.Y, image.Width, image.Height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
                    }

                    break;
                case TextOp text:
                    using (SKFont font = fonts.Font(text.Size, text.Bold, text.Text))
                    {
                        paint.Style = SKPaintStyle.Fill;
                        paint.Color = new SKColor(text.Color);
                        canvas.DrawText(text.Text, text.X, text.Y, SKTextAlign.Left, font, paint);
                    }

                    break;
            }
        }
    }
}
