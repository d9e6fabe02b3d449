using SkiaSharp;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// The DejaVu fonts shipped beside the assembly. SkiaSharp's NoDependencies build has no fontconfig, so its
/// default typeface draws no text at all; loading files explicitly makes the output the same on every machine.
/// </summary>
/// <remarks>
/// Page text and the charts (<see cref="ChartFonts"/>) draw with the very same two typeface instances, subset once
/// per process to <see cref="Repertoire"/>: Skia's PDF backend embeds one font per typeface instance and embeds it
/// whole, so two instances of one file were two full copies (1.1 MB of a 1.6 MB report). Text with a character
/// outside the repertoire is drawn with the full font, loaded only then (and then embedded too).
/// </remarks>
internal sealed class ReportFonts : IDisposable
{
    private static readonly Lazy<(SKTypeface Regular, SKTypeface Bold)> Subsets = new(() =>
        (LoadSubset(Path.Combine(Folder, "DejaVuSans.ttf")), LoadSubset(Path.Combine(Folder, "DejaVuSans-Bold.ttf"))));

    private (SKTypeface Regular, SKTypeface Bold)? _full;

    private ReportFonts(SKTypeface regular, SKTypeface bold)
    {
        Regular = regular;
        Bold = bold;
    }

    /// <summary>The subset regular face, shared by every report of the process; never disposed.</summary>
    public SKTypeface Regular { get; }

    /// <summary>The subset bold face, shared by every report of the process; never disposed.</summary>
    public SKTypeface Bold { get; }

    /// <summary>The Fonts folder beside the assembly.</summary>
    public static string Folder => Path.Combine(Path.GetDirectoryName(typeof(ReportFonts).Assembly.Location) ?? AppContext.BaseDirectory, "Fonts");

    /// <summary>
    /// The characters the embedded subset holds: printable ASCII, Latin-1, Latin Extended-A, the Greek letters, the
    /// common punctuation (dashes, quotes, bullet, ellipsis, per mille, double bar) and a few arrows and mathematical
    /// signs (minus, ≤, ≥, ≈, ≠, √, ∞, ∑), the euro sign and the replacement character. Everything the harness itself
    /// writes is ASCII, and so are ids and names (the name rule); a description with other characters is drawn with
    /// the full font, embedded then as well.
    /// </summary>
    public static IEnumerable<int> Repertoire =>
        Range(0x20, 0x7E).Concat(Range(0xA0, 0x17F)).Concat(Range(0x391, 0x3C9)).Concat(Range(0x2010, 0x2027)).Concat(Range(0x2030, 0x203A))
            .Concat([0x20AC, 0x2190, 0x2191, 0x2192, 0x2193, 0x21D2, 0x2211, 0x2212, 0x221A, 0x221E, 0x2248, 0x2260, 0x2264, 0x2265, 0xFFFD]);

    public static ReportFonts Load()
    {
        (SKTypeface regular, SKTypeface bold) = Subsets.Value;
        return new ReportFonts(regular, bold);
    }

    /// <summary>A font for <paramref name="text"/>: the shared subset, or the full face when the subset lacks one of its characters.</summary>
    public SKFont Font(float size, bool bold, string? text = null)
    {
        SKFont font = Unhinted(new SKFont(bold ? Bold : Regular, size));
        if (text is null || font.ContainsGlyphs(text))
        {
            return font;
        }

        font.Dispose();
        _full ??= (LoadFile(Path.Combine(Folder, "DejaVuSans.ttf")), LoadFile(Path.Combine(Folder, "DejaVuSans-Bold.ttf")));
        return Unhinted(new SKFont(bold ? _full.Value.Bold : _full.Value.Regular, size));
    }

    /// <summary>
    /// Glyphs placed at the font's own advances. Hinted metrics round every advance to a whole point, which the PDF's
    /// font widths do not know, so Skia positioned every glyph by itself: six times the bytes of a plain string, and a
    /// text extractor that split words where the rounding added up ("R ecovered").
    /// </summary>
    private static SKFont Unhinted(SKFont font)
    {
        font.Hinting = SKFontHinting.None;
        font.LinearMetrics = true;
        font.Subpixel = true;
        return font;
    }

    /// <summary>Frees the full faces if some text needed them; the shared subsets stay.</summary>
    public void Dispose()
    {
        _full?.Regular.Dispose();
        _full?.Bold.Dispose();
        _full = null;
    }

    private static IEnumerable<int> Range(int first, int last) => Enumerable.Range(first, last - first + 1);

    private static SKTypeface LoadSubset(string path)
    {
        byte[] subset = FontSubsetter.Subset(ReadFont(path), Repertoire, path);
        using var data = SKData.CreateCopy(subset);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"Font '{path}': its subset could not be loaded; report.pdf needs it to draw text.");
    }

    private static byte[] ReadFont(string path) =>
        File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new FileNotFoundException($"Font '{path}' is missing; report.pdf needs it to draw text (it ships in Fonts/ beside the assembly).", path);

    private static SKTypeface LoadFile(string path)
        => File.Exists(path)
            ? SKTypeface.FromFile(path) ?? throw new InvalidOperationException($"Font '{path}' could not be loaded; report.pdf needs it to draw text.")
            : throw new FileNotFoundException($"Font '{path}' is missing; report.pdf needs it to draw text (it ships in Fonts/ beside the assembly).", path);
}
