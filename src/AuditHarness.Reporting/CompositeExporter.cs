using AuditHarness.Engine;
using AuditHarness.Reporting.Pdf;

namespace AuditHarness.Reporting;

/// <summary>
/// Runs several exporters on the same summary. A failing exporter is recorded (and logged, when a log is given)
/// and the rest still run: a broken PDF must not cost the CI its junit.xml.
/// </summary>
public sealed class CompositeExporter
{
    private readonly IReadOnlyList<IExporter> _exporters;

    public CompositeExporter(IEnumerable<IExporter> exporters)
    {
        ArgumentNullException.ThrowIfNull(exporters);
        _exporters = [.. exporters];
    }

    public IReadOnlyList<IExporter> Exporters => _exporters;

    /// <summary>The exporters every <c>run</c> writes: <c>junit.xml</c>, <c>summary.json</c> and <c>report.pdf</c>.</summary>
    public static CompositeExporter CreateDefault() => new([new JUnitExporter(), new JsonSummaryExporter(), new PdfReportExporter()]);

    /// <summary>
    /// Runs every exporter in order; never throws because of an exporter. <paramref name="log"/>, when given,
    /// receives one <c>warning: ...</c> line per failure.
    /// </summary>
    public ExportReport Export(AuditSummary summary, string folder, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(folder);

        var files = new List<string>();
        var failures = new List<ExportFailure>();
        foreach (IExporter exporter in _exporters)
        {
            try
            {
                files.AddRange(exporter.Export(summary, folder));
            }
            catch (Exception ex)
            {
                // Deliberately broad: whatever one exporter hits (I/O, a bug, a bad value), the others' files are still wanted.
                var failure = new ExportFailure(exporter.Name, ex);
                failures.Add(failure);
                log?.WriteLine("warning: " + failure.Message);
            }
        }

        return new ExportReport(files, failures);
    }
}
