using System.Text.Json;
using AuditHarness.Core.Errors;
using AuditHarness.Core.IO;

namespace AuditHarness.Engine.Journal;

/// <summary>
/// Reads a run journal one line at a time, holding one line and a read buffer (never the whole file or its records):
/// the header on opening, then each pair record's <see cref="JournalEntry"/> in turn, checked as it comes (pair and
/// model order, the header's models, pairs and shard), then the completion line. A torn last line (the process was
/// killed while writing it) is left out; any other unreadable or out-of-place line is an error naming the file and line.
/// A record's content is checked when it is decoded (<see cref="JournalEntry.Decode"/>).
/// </summary>
public sealed class JournalReader : IDisposable
{
    private readonly ByteLineReader _lines;
    private bool _finished;
    private (int Pair, int Model) _last = (-1, -1);

    private JournalReader(string path, bool isSealed, FileStream stream)
    {
        Path = path;
        IsSealed = isSealed;
        _lines = new ByteLineReader(stream);
    }

    public string Path { get; }

    /// <summary>Whether the file is a finished run's (<see cref="RunJournal.FileName"/>), not an unfinished one's.</summary>
    public bool IsSealed { get; }

    /// <summary>The header; null when not even the first line was written whole.</summary>
    public JournalHeader? Header { get; private set; }

    /// <summary>The completion line, once the reader got to it.</summary>
    public JournalCompletion? Completion { get; private set; }

    /// <summary>Records read so far.</summary>
    public int RecordCount { get; private set; }

    /// <summary>Pair and model of the last record read so far; null before the first.</summary>
    public (int Pair, int Model)? LastRecord => RecordCount == 0 ? null : _last;

    /// <summary>Where the last whole record read so far ends (the header's end before any): where a resume cuts the file.</summary>
    public long RecordsLength { get; private set; }

    /// <summary>Bytes after the last newline, once the reader got to the end: a torn line.</summary>
    public long TornBytes => _lines.TornBytes;

    /// <summary>Lines read so far.</summary>
    public int LineNumber => _lines.LineNumber;

    /// <summary>Opens <paramref name="path"/> (shared with a writer still appending to it) and reads its header.</summary>
    public static JournalReader Open(string path, bool isSealed)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AuditInputException($"Run journal '{path}' cannot be read: {ex.Message}", ex);
        }

        var reader = new JournalReader(path, isSealed, stream);
        try
        {
            reader.ReadHeader();
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        return reader;
    }

    /// <summary>The next record's entry, checked for order and shard; null after the last (at the completion line or the end of the file).</summary>
    public JournalEntry? ReadNext() => ReadNext(keep: null);

    /// <summary>
    /// The next entry of a record whose model <paramref name="keep"/> accepts (null: every record); the other records'
    /// lines are checked as they pass but not copied out of the read buffer.
    /// </summary>
    private JournalEntry? ReadNext(Predicate<int>? keep)
    {
        while (!_finished)
        {
            if (!ReadLine(out ReadOnlySpan<byte> text))
            {
                _finished = true;
                break;
            }

            if (Completion is not null)
            {
                throw Corrupt(Path, LineNumber, "a line follows the completion line");
            }

            if (JournalRecordCodec.IsRecordLine(text))
            {
                if (Entry(text, keep) is { } entry)
                {
                    return entry;
                }

                continue;
            }

            JournalLine parsed = ParseLine(text);
            Completion = parsed.Complete ?? throw Corrupt(Path, LineNumber, "expected a pair record or the completion line");
        }

        return null;
    }

    /// <summary>The remaining entries, one at a time.</summary>
    public IEnumerable<JournalEntry> Entries()
    {
        while (ReadNext() is { } entry)
        {
            yield return entry;
        }
    }

    /// <summary>The remaining entries of one model, one at a time; the other models' lines are checked and passed over.</summary>
    public IEnumerable<JournalEntry> Entries(int model)
    {
        while (ReadNext(m => m == model) is { } entry)
        {
            yield return entry;
        }
    }

    /// <summary>Reads to the end without decoding a record and describes the journal (what a resume or a merge checks first).</summary>
    public JournalContents ReadToEnd()
    {
        while (ReadNext(static _ => false) is not null)
        {
        }

        return new JournalContents(Path, IsSealed, Header, RecordCount, LastRecord, Completion, RecordsLength, TornBytes);
    }

    public void Dispose() => _lines.Dispose();

    internal static AuditInputException Corrupt(string path, int lineNumber, string problem) =>
        new($"Run journal '{path}' line {lineNumber}: {problem}; the journal was not written by this harness or was edited.");

    private void ReadHeader()
    {
        if (!ReadLine(out ReadOnlySpan<byte> line))
        {
            _finished = true;
            return;
        }

        Header = ParseLine(line).Header ?? throw Corrupt(Path, LineNumber, "the first line is not a journal header");
        RecordsLength = _lines.WholeLength;
        // Another format's records may not follow this one's rules; the header says why it cannot be used.
        _finished = Header.SchemaVersion != JournalHeader.CurrentSchemaVersion;
    }

    /// <summary>The record line's entry, checked; null (after the checks) when <paramref name="keep"/> refuses its model.</summary>
    private JournalEntry? Entry(ReadOnlySpan<byte> text, Predicate<int>? keep)
    {
        JournalHeader header = Header!;
        if (JournalRecordCodec.ReadKey(text, out string? problem) is not { } key)
        {
            throw Corrupt(Path, LineNumber, $"not a pair record ({problem})");
        }

        if (key.Model < 0 || key.Model >= header.Models.Count || key.Pair < 0 || key.Pair >= header.Pairs)
        {
            throw Corrupt(Path, LineNumber, $"pair {key.Pair} of model {key.Model} is outside the header's {header.Models.Count} models and {header.Pairs} pairs");
        }

        if ((key.Pair, key.Model).CompareTo(_last) <= 0)
        {
            throw Corrupt(Path, LineNumber, $"pair {key.Pair} of model {key.Model} comes after pair {_last.Pair} of model {_last.Model}; records must be in pair and model order");
        }

        if (header.Shard is { } shard && !shard.Contains(key.Pair))
        {
            throw Corrupt(Path, LineNumber, $"pair {key.Pair} is not in shard {shard}");
        }

        _last = (key.Pair, key.Model);
        RecordCount++;
        RecordsLength = _lines.WholeLength;
        return keep is null || keep(key.Model) ? new JournalEntry(Path, LineNumber, key.Pair, key.Model, text.ToArray(), key.Record) : null;
    }

    /// <summary>The next whole line (without its newline, valid until the next read); false at the end, where the bytes left are a torn line.</summary>
    private bool ReadLine(out ReadOnlySpan<byte> line)
    {
        try
        {
            return _lines.TryReadLine(out line);
        }
        catch (IOException ex)
        {
            throw new AuditInputException($"Run journal '{Path}' cannot be read: {ex.Message}", ex);
        }
    }

    private JournalLine ParseLine(ReadOnlySpan<byte> line)
    {
        try
        {
            return JsonSerializer.Deserialize<JournalLine>(line, RunJournal.JsonOptions) ?? throw Corrupt(Path, LineNumber, "the line is null");
        }
        catch (JsonException ex)
        {
            throw Corrupt(Path, LineNumber, $"not a journal line ({ex.Message})");
        }
    }
}
