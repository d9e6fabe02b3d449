namespace AuditHarness.Reporting.Pdf;

/// <summary>The whole report as data: PDF metadata and the blocks in reading order.</summary>
public sealed record ReportDocument(string Title, string Author, DateTime Date, IReadOnlyList<ReportBlock> Blocks)
{
    /// <summary>Printed at the left of every page's footer (the document id and revision); null for none.</summary>
    public string? Footer { get; init; }
}
