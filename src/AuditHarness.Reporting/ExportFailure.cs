namespace AuditHarness.Reporting;

/// <summary>One exporter that threw; the run's other outputs are unaffected.</summary>
/// <param name="Exporter">The exporter's <see cref="IExporter.Name"/>.</param>
/// <param name="Error">What it threw.</param>
public sealed record ExportFailure(string Exporter, Exception Error)
{
    /// <summary>One line for stderr: <c>exporter 'junit' failed: ...</c>.</summary>
    public string Message => $"exporter '{Exporter}' failed: {Error.GetType().Name}: {Error.Message}";
}
