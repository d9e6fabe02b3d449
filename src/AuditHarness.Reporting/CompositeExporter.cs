using AuditHarness.Reporting.Pdf;
using AuditHarness.Results;

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

    /// <summary>The exporters every <c>run</c> writes: <c>junit.xml</c>, <c>summary.json</c>, <c>summary.md</c> and <c>report.pdf</c>.</summary>
    public static CompositeExporter CreateDefault() => new([new JUnitExporter(), new JsonSummaryExporter(), new SummaryMarkdownExporter(), new PdfReportExporter()]);

    /// <summary>
    /// Runs the exporters side by side (each only reads the summary and writes its own file; the last runs on the
    /// calling thread) and reports them in order; never throws because of an exporter. <paramref name="log"/>, when
    /// given, receives one <c>warning: ...</c> line per failure, in exporter order.
    /// </summary>
    public ExportReport Export(AuditSummary summary, string folder, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(folder);

        // The report.pdf takes nearly all of the time; the others finish beside it instead of before it. Tasks carry
        // the caller's culture (it flows with the execution context), so each exporter sees the culture it would alone.
        var results = new (IReadOnlyList<string>? Files, Exception? Error)[_exporters.Count];
        void Run(int i)
        {
            try
            {
                results[i] = (_exporters[i].Export(summary, folder), null);
            }
            catch (Exception ex)
            {
                // Deliberately broad: whatever one exporter hits (I/O, a bug, a bad value), the others' files are still wanted.
                results[i] = (null, ex);
            }
        }

        Task[] beside = [.. Enumerable.Range(0, Math.Max(0, _exporters.Count - 1)).Select(i => Task.Run(() => Run(i)))];
        if (_exporters.Count > 0)
        {
            Run(_exporters.Count - 1);
        }

        Task.WaitAll(beside); // Run catches everything, so this only waits
        var files = new List<string>();
        var failures = new List<ExportFailure>();
        for (int i = 0; i < _exporters.Count; i++)
        {
            if (results[i].Error is { } error)
            {
                var failure = new ExportFailure(_exporters[i].Name, error) { File = _exporters[i].OutputFile };
                failures.Add(failure);
                log?.WriteLine("warning: " + failure.Message);
            }
            else
            {
                files.AddRange(results[i].Files!);
            }
        }

        return new ExportReport(files, failures);
    }
}
