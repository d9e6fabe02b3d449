using AuditHarness.Results;

namespace AuditHarness.Reporting;

/// <summary>The one call <c>run</c> makes after the summary is frozen: writes every default export beside the CSV logs.</summary>
public static class RunExports
{
    /// <summary>
    /// Writes <c>junit.xml</c>, <c>summary.json</c> and <c>report.pdf</c> into <see cref="AuditSummary.OutputFolder"/>. Failures are
    /// returned (and logged to <paramref name="log"/>), never thrown, so the caller keeps its exit code logic.
    /// </summary>
    /// <param name="exporters">The exporters to run; null runs <see cref="CompositeExporter.CreateDefault"/>.</param>
    public static ExportReport WriteAll(AuditSummary summary, TextWriter? log = null, CompositeExporter? exporters = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return (exporters ?? CompositeExporter.CreateDefault()).Export(summary, summary.OutputFolder, log);
    }
}
