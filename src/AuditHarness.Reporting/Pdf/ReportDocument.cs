namespace AuditHarness.Reporting.Pdf;

/// <summary>The whole report as data: PDF metadata and the blocks in reading order.</summary>
public sealed record ReportDocument(string Title, string Author, DateTime Date, IReadOnlyList<ReportBlock> Blocks);
