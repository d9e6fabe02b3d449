namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// Label/value lines, labels in bold in a left column <paramref name="LabelWidth"/> points wide; values wrap.
/// <paramref name="Size"/> is the font size of both.
/// </summary>
public sealed record KeyValueBlock(string Title, IReadOnlyList<KeyValuePair<string, string>> Entries, float Size = 10f, float LabelWidth = 150f)
    : ReportBlock("key-value block '" + Title + "'");
