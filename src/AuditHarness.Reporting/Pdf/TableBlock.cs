namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// A table whose header row is repeated on every page it spans. Columns are sized from their content so that no
/// number or word is split; <paramref name="ColumnWeights"/> only share out the spare width. Free text wraps at
/// spaces (ids also after '-' or '_'), and a row is never split across pages.
/// </summary>
public sealed record TableBlock(string Title, IReadOnlyList<string> Header, IReadOnlyList<float> ColumnWeights, IReadOnlyList<TableRow> Rows)
    : ReportBlock("table '" + Title + "'");
