namespace AuditHarness.Engine.Journal;

/// <summary>
/// A run journal as read back: its header (null when not even the header line was written whole), the pair records
/// in the order written, and the completion line of a finished run. A torn last line (the process was killed while
/// writing it) is left out; <see cref="RecordsLength"/> is where the last whole record ends, so a resumed run can
/// cut the file there and go on appending.
/// </summary>
public sealed record JournalContents(
    string Path,
    bool IsSealed,
    JournalHeader? Header,
    IReadOnlyList<PairRecord> Records,
    JournalCompletion? Completion,
    long RecordsLength,
    long TornBytes);
