namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// A table whose header row is repeated on every page it spans. <paramref name="ColumnWeights"/> share the
/// content width; a cell that does not fit its column wraps, and a row is never split across pages.
/// </summary>
public sealed record TableBlock(string Title, IReadOnlyList<string> Header, IReadOnlyList<float> ColumnWeights, IReadOnlyList<TableRow> Rows)
    : ReportBlock("table '" + Title + "'");
