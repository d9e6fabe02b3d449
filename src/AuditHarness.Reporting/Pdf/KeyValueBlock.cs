namespace AuditHarness.Reporting.Pdf;

/// <summary>Label/value lines, labels in bold in a fixed-width left column; values wrap.</summary>
public sealed record KeyValueBlock(string Title, IReadOnlyList<KeyValuePair<string, string>> Entries) : ReportBlock("key-value block '" + Title + "'");
