using System.Text;
using System.Text.Json;
using AuditHarness.Core.Errors;
using AuditHarness.Core.IO;
using AuditHarness.Engine.Journal;

namespace AuditHarness.Engine.Tracing;

/// <summary>
/// The trace phase's journal (<c>trace-journal.jsonl</c> beside <c>journal.jsonl</c>): a header, then one line per
/// measurement pair and model, in model and pair order, each appended as one flushed write before it counts. The rules
/// are the run journal's: a killed run leaves a prefix of the uninterrupted run's lines plus perhaps a torn last line,
/// which a resume cuts before going on, so a single run, a resumed run and a merge write the same bytes; doubles are
/// written in shortest round-trip form (NaN as "NaN"), so records read back are bit for bit the ones computed.
/// </summary>
public sealed class TraceJournal : IDisposable
{
    public const string FileName = "trace-journal.jsonl";

    public const string PartialFileName = FileName + ".partial";

    private readonly FileStream _stream;
    private readonly string _folder;
    private (int Model, int Pair) _last;
    private bool _sealed;

    private TraceJournal(string folder, FileStream stream, IReadOnlyList<TracePairRecord> previous)
    {
        _folder = folder;
        _stream = stream;
        Previous = previous.ToDictionary(r => (r.Model, r.Pair));
        _last = previous.Count == 0 ? (-1, -1) : (previous[^1].Model, previous[^1].Pair);
    }

    /// <summary>Records journaled before a kill, by model and pair: the trace phase takes them instead of measuring again.</summary>
    public IReadOnlyDictionary<(int Model, int Pair), TracePairRecord> Previous { get; }

    /// <summary>
    /// Opens the journal in <paramref name="folder"/>: with <paramref name="resume"/>, goes on with the one there when its
    /// header is <paramref name="header"/> (cutting a torn last line); otherwise, or when there is none, starts afresh.
    /// </summary>
    public static TraceJournal Open(string folder, TraceJournalHeader header, bool resume)
    {
        ArgumentNullException.ThrowIfNull(header);
        string partial = Path.Combine(folder, PartialFileName);
        string sealedPath = Path.Combine(folder, FileName);
        byte[] headerLine = Line(new TraceJournalLine(Header: header));
        if (resume && (File.Exists(partial) || File.Exists(sealedPath)))
        {
            string path = File.Exists(partial) ? partial : sealedPath;
            (List<TracePairRecord> records, long length) = ReadFile(path, headerLine);
            if (length > 0)
            {
                if (path == sealedPath)
                {
                    File.Move(sealedPath, partial, overwrite: true);
                }

                var stream = new FileStream(partial, FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 1);
                stream.SetLength(length);
                stream.Seek(0, SeekOrigin.End);
                return new TraceJournal(folder, stream, records);
            }
        }

        File.Delete(sealedPath);
        var fresh = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1);
        fresh.Write(headerLine);
        fresh.Flush();
        return new TraceJournal(folder, fresh, []);
    }

    /// <summary>Appends one pair's record as a single flushed write; records must come in model and pair order.</summary>
    public void Append(TracePairRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if ((record.Model, record.Pair).CompareTo(_last) <= 0)
        {
            throw new InvalidOperationException($"Trace journal records must come in model and pair order: pair {record.Pair} of model {record.Model} after pair {_last.Pair} of model {_last.Model}.");
        }

        _stream.Write(Line(new TraceJournalLine(Pair: record)));
        _stream.Flush();
        _last = (record.Model, record.Pair);
    }

    /// <summary>Flushes the journal to disk and gives it its real name.</summary>
    public void Seal()
    {
        if (_sealed)
        {
            return;
        }

        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(Path.Combine(_folder, PartialFileName), Path.Combine(_folder, FileName), overwrite: true);
        _sealed = true;
    }

    /// <summary>Closes the journal; an unsealed one stays as <c>.partial</c>, to be resumed.</summary>
    public void Dispose()
    {
        if (!_sealed)
        {
            _stream.Dispose();
        }
    }

    /// <summary>
    /// The records of a journal whose first line is <paramref name="headerLine"/>, and where its last whole line ends; a
    /// length of 0 when the header differs (another run's or settings' journal, started afresh). A torn last line is left
    /// out. Read a line at a time: only the records are held, never the file.
    /// </summary>
    private static (List<TracePairRecord> Records, long Length) ReadFile(string path, byte[] headerLine)
    {
        using ByteLineReader reader = ByteLineReader.Open(path);
        if (!reader.TryReadLine(out ReadOnlySpan<byte> header) || !headerLine.AsSpan(0, headerLine.Length - 1).SequenceEqual(header))
        {
            return ([], 0);
        }

        var records = new List<TracePairRecord>();
        (int Model, int Pair) last = (-1, -1);
        while (reader.TryReadLine(out ReadOnlySpan<byte> text))
        {
            int lineNumber = reader.LineNumber;
            TraceJournalLine? line;
            try
            {
                line = JsonSerializer.Deserialize<TraceJournalLine>(text, RunJournal.JsonOptions);
            }
            catch (JsonException ex)
            {
                throw new AuditInputException($"Trace journal '{path}' line {lineNumber}: not a trace journal line ({ex.Message}); the journal was edited. Delete it to trace afresh.");
            }

            if (line?.Pair is not { } record || (record.Model, record.Pair).CompareTo(last) <= 0)
            {
                throw new AuditInputException($"Trace journal '{path}' line {lineNumber}: expected a pair record after pair {last.Pair} of model {last.Model}; the journal was edited. Delete it to trace afresh.");
            }

            records.Add(record);
            last = (record.Model, record.Pair);
        }

        return (records, reader.WholeLength);
    }

    private static byte[] Line(TraceJournalLine line)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(line, RunJournal.JsonOptions);
        byte[] whole = new byte[json.Length + 1];
        json.CopyTo(whole, 0);
        whole[^1] = (byte)'\n';
        return whole;
    }
}
