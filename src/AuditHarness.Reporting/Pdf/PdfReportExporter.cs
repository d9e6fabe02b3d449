using AuditHarness.Core.IO;
using AuditHarness.Results;

namespace AuditHarness.Reporting.Pdf;

/// <summary>Writes <c>report.pdf</c>, the compliance report, atomically so a failed export leaves no half-written PDF.</summary>
public sealed class PdfReportExporter : IExporter
{
    public const string FileName = "report.pdf";

    private readonly DateTime? _date;

    /// <param name="date">Date written into the PDF metadata; null pins <see cref="PdfReportRenderer.DefaultDate"/>.</param>
    public PdfReportExporter(DateTime? date = null) => _date = date;

    public string Name => "pdf";

    public string OutputFile => FileName;

    public IReadOnlyList<string> Export(AuditSummary summary, string folder)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        using AtomicFile file = AtomicFile.Create(Path.Combine(folder, FileName));
        PdfReportRenderer.WritePdf(summary, file.Stream, _date);
        file.Commit();
        return [file.DestinationPath];
    }
}
