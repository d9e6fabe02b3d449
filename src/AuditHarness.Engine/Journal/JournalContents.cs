namespace AuditHarness.Engine.Journal;

/// <summary>
/// A run journal as read back, without its records (a journal may hold millions): its header (null when not even the
/// header line was written whole), how many pair records it holds and the last one's pair and model, and the
/// completion line of a finished run. A torn last line (the process was killed while writing it) is left out;
/// <see cref="RecordsLength"/> is where the last whole record ends, so a resumed run can cut the file there and go on
/// appending. <see cref="ReadRecords"/> reads the records back one at a time.
/// </summary>
public sealed record JournalContents(
    string Path,
    bool IsSealed,
    JournalHeader? Header,
    int RecordCount,
    (int Pair, int Model)? LastRecord,
    JournalCompletion? Completion,
    long RecordsLength,
    long TornBytes)
{
    /// <summary>The records of the file at <see cref="Path"/>, decoded one at a time in the order written.</summary>
    public IEnumerable<PairRecord> ReadRecords()
    {
        using JournalReader reader = JournalReader.Open(Path, IsSealed);
        for (int r = 0; r < RecordCount && reader.ReadNext() is { } entry; r++)
        {
            yield return entry.Decode();
        }
    }
}
