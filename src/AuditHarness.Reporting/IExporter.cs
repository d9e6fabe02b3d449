using AuditHarness.Results;

namespace AuditHarness.Reporting;

/// <summary>
/// Turns the frozen <see cref="AuditSummary"/> into one or more files. An exporter only reads the summary: every
/// number it writes is one the summary already holds, so all outputs of a run agree.
/// </summary>
public interface IExporter
{
    /// <summary>Short name used in logs and failure records, e.g. <c>junit</c>.</summary>
    string Name { get; }

    /// <summary>The file it writes, named when it fails (e.g. <c>report.pdf</c>); by default <see cref="Name"/>.</summary>
    string OutputFile => Name;

    /// <summary>Writes the exporter's files into <paramref name="folder"/> (created if missing) and returns their full paths.</summary>
    IReadOnlyList<string> Export(AuditSummary summary, string folder);
}
