namespace AuditHarness.Engine.Provenance;

/// <summary>The SHA-256 (lowercase hex) and size in bytes of a file's contents.</summary>
public sealed record FileFingerprint(string Sha256, long Size);
