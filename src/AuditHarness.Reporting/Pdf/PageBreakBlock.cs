namespace AuditHarness.Reporting.Pdf;

/// <summary>Starts a new page (after the cover, before the sign-off).</summary>
public sealed record PageBreakBlock() : ReportBlock("page break");
