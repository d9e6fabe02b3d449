namespace AuditHarness.Engine.Provenance;

/// <summary>A file in the run folder; <see cref="Path"/> is relative to the folder, with forward slashes.</summary>
public sealed record RecordedOutput(string Path, FileFingerprint Fingerprint);
