namespace AuditHarness.Results;

/// <summary>
/// One pair's contribution to one check: its artifact and placebo effects and their difference, the reliance the
/// check's mean, interval and p-value were computed from. Kept so a later run can be compared pair by pair.
/// </summary>
public sealed record CheckPairValue(string PairId, double ArtifactEffect, double PlaceboEffect, double Reliance);
