namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// Registers the shipped DejaVu fonts with ScottPlot once per process. SkiaSharp's NoDependencies build has no
/// fontconfig, so a plot left on ScottPlot's default font draws its labels with a typeface that has no glyphs.
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

            string folder = ReportFonts.Folder;
            ScottPlot.Fonts.AddFontFile(Family, Path.Combine(folder, "DejaVuSans.ttf"), bold: false, italic: false);
            ScottPlot.Fonts.AddFontFile(Family, Path.Combine(folder, "DejaVuSans-Bold.ttf"), bold: true, italic: false);
            s_registered = true;
        }
    }
}
