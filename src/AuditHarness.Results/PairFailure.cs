namespace AuditHarness.Results;

/// <summary>A pair that could not be processed, and where it broke; one row of <c>errors.csv</c>.</summary>
public sealed record PairFailure(string Model, string? PairId, int? ManifestRow, string Stage, string Message);
