namespace AuditHarness.Engine.Journal;

/// <summary>The header or the completion line of a run journal (pair records have their own form, <see cref="JournalRecordCodec"/>).</summary>
internal sealed record JournalLine(JournalHeader? Header = null, JournalCompletion? Complete = null);
