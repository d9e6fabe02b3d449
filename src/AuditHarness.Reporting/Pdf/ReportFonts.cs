using SkiaSharp;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// The DejaVu fonts shipped beside the assembly. SkiaSharp's NoDependencies build has no fontconfig, so its
/// default typeface draws no text at all; loading files explicitly makes the output the same on every machine.
/// </summary>
internal sealed class ReportFonts : IDisposable
{
    private ReportFonts(SKTypeface regular, SKTypeface bold)
    {
        Regular = regular;
        Bold = bold;
    }

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    /// <summary>The Fonts folder beside the assembly.</summary>
    public static string Folder => Path.Combine(Path.GetDirectoryName(typeof(ReportFonts).Assembly.Location) ?? AppContext.BaseDirectory, "Fonts");

    public static ReportFonts Load()
    {
        string folder = Folder;
        return new ReportFonts(LoadFile(Path.Combine(folder, "DejaVuSans.ttf")), LoadFile(Path.Combine(folder, "DejaVuSans-Bold.ttf")));
    }

    public SKFont Font(float size, bool bold) => new(bold ? Bold : Regular, size);

    public void Dispose()
    {
        Regular.Dispose();
        Bold.Dispose();
    }

    private static SKTypeface LoadFile(string path)
        => File.Exists(path)
            ? SKTypeface.FromFile(path) ?? throw new InvalidOperationException($"Font '{path}' could not be loaded; report.pdf needs it to draw text.")
            : throw new FileNotFoundException($"Font '{path}' is missing; report.pdf needs it to draw text (it ships in Fonts/ beside the assembly).", path);
}
