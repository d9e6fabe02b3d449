namespace AuditHarness.Results;

/// <summary>An audited model as the report's cover names it: the spec's name, the file's name and its SHA-256 (lower-case hex).</summary>
public sealed record ModelFingerprint(string Model, string FileName, string Sha256);
