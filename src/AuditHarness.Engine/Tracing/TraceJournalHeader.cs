using AuditHarness.Core.Specs;
using AuditHarness.Engine.Journal;

namespace AuditHarness.Engine.Tracing;

/// <summary>
/// The first line of a trace journal: the whole run's journal header (its start time left out) and the trace settings,
/// so a trace journal is continued only by the run, resume or merge of the same inputs and settings.
/// </summary>
public sealed record TraceJournalHeader(int SchemaVersion, JournalHeader Run, TraceSettings Trace)
{
    public const int CurrentSchemaVersion = 1;

    public static TraceJournalHeader Describe(AuditSpec spec, int pairs)
    {
        ArgumentNullException.ThrowIfNull(spec);
        TraceSettings trace = spec.Trace ?? throw new ArgumentException("The spec has no trace section.", nameof(spec));
        return new TraceJournalHeader(CurrentSchemaVersion, JournalHeader.Describe(spec, pairs, shard: null) with { Started = null }, trace);
    }
}
