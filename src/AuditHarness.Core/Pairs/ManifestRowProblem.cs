namespace AuditHarness.Core.Pairs;

/// <summary>A manifest row that cannot become a pair; the audit logs it and goes on with the others.</summary>
public sealed record ManifestRowProblem(int RowNumber, string? PairId, string Message);
