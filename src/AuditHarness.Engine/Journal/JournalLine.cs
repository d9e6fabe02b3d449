namespace AuditHarness.Engine.Journal;

/// <summary>One line of a run journal: exactly one of the header, a pair's record or the completion.</summary>
internal sealed record JournalLine(JournalHeader? Header = null, PairRecord? Pair = null, JournalCompletion? Complete = null);
