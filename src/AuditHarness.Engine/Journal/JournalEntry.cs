using System.Text.Json;

namespace AuditHarness.Engine.Journal;

/// <summary>
/// One pair record's line as <see cref="JournalReader"/> reads it: its pair and model (checked for order and shard
/// membership), and the encoded record, decoded only by <see cref="Decode"/>, so a pass that only counts or orders
/// records never inflates one.
/// </summary>
public sealed class JournalEntry
{
    private readonly byte[] _line;
    private readonly Range _record;

    internal JournalEntry(string path, int lineNumber, int pair, int model, byte[] line, Range record)
    {
        Path = path;
        LineNumber = lineNumber;
        Pair = pair;
        Model = model;
        _line = line;
        _record = record;
    }

    /// <summary>The journal file the line is in, for messages.</summary>
    public string Path { get; }

    /// <summary>1-based line number in <see cref="Path"/>.</summary>
    public int LineNumber { get; }

    /// <summary>0-based index of the pair in the dataset's pair list.</summary>
    public int Pair { get; }

    /// <summary>Index of the model in the spec.</summary>
    public int Model { get; }

    /// <summary>The line as written, without its newline (a merge copies it unchanged).</summary>
    internal ReadOnlySpan<byte> Line => _line;

    /// <summary>The record, bit for bit as journaled; a damaged one is an error naming the file and line.</summary>
    public PairRecord Decode()
    {
        PairRecord record;
        try
        {
            record = JournalRecordCodec.Decode(_line.AsSpan(_record));
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException)
        {
            throw JournalReader.Corrupt(Path, LineNumber, $"the record of pair {Pair} of model {Model} cannot be decoded ({ex.Message})");
        }

        if (record.Pair != Pair || record.Model != Model)
        {
            throw JournalReader.Corrupt(Path, LineNumber, $"the line says pair {Pair} of model {Model} and its record pair {record.Pair} of model {record.Model}");
        }

        if ((record.Outcome is null) == (record.Failure is null))
        {
            throw JournalReader.Corrupt(Path, LineNumber, "a pair record needs exactly one of outcome and failure");
        }

        return record;
    }
}
