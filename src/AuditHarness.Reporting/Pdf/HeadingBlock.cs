namespace AuditHarness.Reporting.Pdf;

/// <summary>A section heading; it is kept on the same page as at least one line of what follows it.</summary>
public sealed record HeadingBlock(string Text) : ReportBlock("heading '" + Text + "'");
