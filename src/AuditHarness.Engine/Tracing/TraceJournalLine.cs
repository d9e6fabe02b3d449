namespace AuditHarness.Engine.Tracing;

/// <summary>One line of a trace journal: exactly one of the header and a pair's record.</summary>
internal sealed record TraceJournalLine(TraceJournalHeader? Header = null, TracePairRecord? Pair = null);
