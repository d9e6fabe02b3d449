namespace AuditHarness.Reporting.Pdf;

/// <summary>One table row; <paramref name="Fill"/> is an ARGB background (0 for none), e.g. the verdict's colour.</summary>
public sealed record TableRow(IReadOnlyList<string> Cells, uint Fill = 0);
