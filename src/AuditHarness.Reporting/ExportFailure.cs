namespace AuditHarness.Reporting;

/// <summary>One exporter that threw; the run's other outputs are unaffected.</summary>
/// <param name="Exporter">The exporter's <see cref="IExporter.Name"/>.</param>
/// <param name="Error">What it threw.</param>
public sealed record ExportFailure(string Exporter, Exception Error)
{
    /// <summary>The file the exporter did not write (<see cref="IExporter.OutputFile"/>), e.g. <c>report.pdf</c>.</summary>
    public string File { get; init; } = Exporter;

    /// <summary>One line for stderr: <c>exporter 'junit' failed: ...</c>.</summary>
    public string Message => $"exporter '{Exporter}' failed: {Error.GetType().Name}: {Error.Message}";

    /// <summary>What went wrong, naming the file and the cause: <c>report.pdf could not be written: IOException: No space left on device ...</c>.</summary>
    public string FileMessage => $"{File} could not be written: {Error.GetType().Name}: {Error.Message}";
}
