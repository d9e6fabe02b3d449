namespace AuditHarness.Engine.Journal;

/// <summary>A model of the spec as a journal header records it: its name and the SHA-256 of its file.</summary>
public sealed record JournalModel(string Name, string Sha256);
