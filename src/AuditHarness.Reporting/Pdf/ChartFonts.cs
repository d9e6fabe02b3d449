using SkiaSharp;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// Points ScottPlot's font family <see cref="Family"/> at the report's own subset typefaces (<see cref="ReportFonts"/>)
/// once per process. SkiaSharp's NoDependencies build has no fontconfig, so a plot left on ScottPlot's default font
/// draws its labels with a typeface that has no glyphs; and a font file registered with ScottPlot would be a second
/// typeface instance of the same file, which Skia's PDF backend embeds a second time.
/// </summary>
internal static class ChartFonts
{
    public const string Family = "DejaVu Sans";

    private static readonly Lock Gate = new();
    private static bool s_registered;

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (s_registered)
            {
                return;
            }

            using ReportFonts fonts = ReportFonts.Load();
            ScottPlot.Fonts.FontResolvers.Insert(0, new SharedTypefaceResolver(fonts.Regular, fonts.Bold));
            s_registered = true;
        }
    }

    /// <summary>Hands ScottPlot the shared instances themselves (ScottPlot caches what a resolver returns and never disposes it).</summary>
    private sealed class SharedTypefaceResolver(SKTypeface regular, SKTypeface bold) : ScottPlot.IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold1, bool italic) =>
            string.Equals(fontName, Family, StringComparison.Ordinal) ? (bold1 ? bold : regular) : null;

        public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing width) =>
            string.Equals(fontName, Family, StringComparison.Ordinal) ? ((int)weight > (int)ScottPlot.FontWeight.Normal ? bold : regular) : null;
    }
}
