namespace AuditHarness.Reporting.Pdf;

/// <summary>Word-wrapped text; <paramref name="Color"/> is ARGB (0xFF000000 is black).</summary>
public sealed record ParagraphBlock(string Text, float Size = 10f, bool Bold = false, uint Color = 0xFF000000)
    : ReportBlock("paragraph '" + (Text.Length > 30 ? Text[..30] + "..." : Text) + "'");
