namespace AuditHarness.Engine.Baseline;

/// <summary>A model as a run recorded it: its name in the spec, its path, and its SHA-256 when known.</summary>
public sealed record RecordedModel(string Name, string Path, string? Sha256);
