namespace AuditHarness.Reporting;

/// <summary>What a <see cref="CompositeExporter"/> produced: the files written, in exporter order, and the exporters that failed.</summary>
public sealed record ExportReport(IReadOnlyList<string> Files, IReadOnlyList<ExportFailure> Failures)
{
    public bool Succeeded => Failures.Count == 0;
}
