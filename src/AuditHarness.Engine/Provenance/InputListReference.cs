namespace AuditHarness.Engine.Provenance;

/// <summary>What <c>run-manifest.json</c> records of the run's <c>inputs.csv</c>: its name, its own SHA-256, how many files it lists, and their <see cref="Provenance.DatasetDigest"/>.</summary>
public sealed record InputListReference(string File, FileFingerprint Fingerprint, int Files, string DatasetDigest);
