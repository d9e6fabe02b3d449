using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using AuditHarness.Core.IO;

namespace AuditHarness.Engine.Journal;

/// <summary>
/// A run's journal (<c>journal.jsonl</c>, JSON Lines): a header, then one line per finished pair and model, appended
/// as one write and flushed before the pair counts as done, then on a finished run a completion line. Records are
/// journaled in pair order and, within a pair, in model order (a run takes each pair through every model at once),
/// so the journal of a killed run is a prefix of the uninterrupted run's and a resume that cuts the torn last line
/// and goes on writes the same bytes. The journal is also where a run keeps the records of its second and later
/// models until the logs, which go model by model, are ready for them (<see cref="RecordsOf"/>).
/// </summary>
/// <remarks>
/// While the run goes the file is <c>journal.jsonl.partial</c>; <see cref="Seal"/> gives it its real name when the run
/// (or shard) is done, like every other output. A pair record's line keeps its pair and model readable and the record
/// itself a binary payload, deflated and in base64 (<see cref="JournalRecordCodec"/>): doubles as their 8 bytes and
/// channel selectivities as their bfloat16 bytes, so outcomes read back are bit for bit the ones computed. It is read back one line at a time (<see cref="JournalReader"/>), never whole. A flushed line survives the process being
/// killed (it is in the operating system's cache); it is not forced to disk per pair, which would cost a sync each.
/// </remarks>
public sealed class RunJournal : IDisposable
{
    public const string FileName = "journal.jsonl";

    public const string PartialFileName = FileName + ".partial";

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        IgnoreReadOnlyProperties = true,
    };

    private readonly FileStream _stream;
    private readonly string _folder;
    private readonly bool _flushEachLine;
    private (int Pair, int Model) _last;
    private bool _sealed;

    private RunJournal(string folder, FileStream stream, (int Pair, int Model) last, bool flushEachLine)
    {
        _folder = folder;
        _stream = stream;
        _last = last;
        _flushEachLine = flushEachLine;
    }

    /// <summary>Starts a new journal in <paramref name="folder"/> (replacing an unfinished one) and writes its header.</summary>
    public static RunJournal Create(string folder, JournalHeader header) => Create(folder, header, flushEachLine: true);

    /// <summary>
    /// Starts a new journal; with <paramref name="flushEachLine"/> false its lines are written a megabyte at a time (and
    /// on <see cref="Flush"/>): a merge, which cannot be resumed and copies millions of lines, need not make each line
    /// survive a kill.
    /// </summary>
    internal static RunJournal Create(string folder, JournalHeader header, bool flushEachLine)
    {
        ArgumentNullException.ThrowIfNull(header);
        FileStream stream;
        try
        {
            Directory.CreateDirectory(folder);
            stream = new FileStream(Path.Combine(folder, PartialFileName), FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: flushEachLine ? 1 : 1 << 20);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The journal is a run's first file: failing to create it means the output folder is unusable (an existing
            // file, a read-only mount, /proc, /dev/null), which is configuration, not a bug.
            throw OutputFolder.Unwritable(folder, ex);
        }

        var journal = new RunJournal(folder, stream, (-1, -1), flushEachLine);
        journal.WriteLine(new JournalLine(Header: header));
        return journal;
    }

    /// <summary>
    /// Goes on with the journal read as <paramref name="contents"/>: cuts the torn line and any completion line, and
    /// appends after its last record. A sealed journal is moved back to its <c>.partial</c> name first.
    /// </summary>
    public static RunJournal Continue(string folder, JournalContents contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        string partial = Path.Combine(folder, PartialFileName);
        if (contents.IsSealed)
        {
            File.Move(contents.Path, partial, overwrite: true);
        }

        var stream = new FileStream(partial, FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 1);
        stream.SetLength(contents.RecordsLength);
        stream.Seek(0, SeekOrigin.End);
        return new RunJournal(folder, stream, contents.LastRecord ?? (-1, -1), flushEachLine: true);
    }

    /// <summary>
    /// The journal in <paramref name="folder"/>: the unfinished one (<c>.partial</c>) when there is one, else the sealed
    /// one; null when there is neither.
    /// </summary>
    public static JournalContents? Read(string folder)
    {
        string partial = Path.Combine(folder, PartialFileName);
        if (File.Exists(partial))
        {
            return ReadFile(partial, isSealed: false);
        }

        string sealedPath = Path.Combine(folder, FileName);
        return File.Exists(sealedPath) ? ReadFile(sealedPath, isSealed: true) : null;
    }

    /// <summary>
    /// Reads one journal file through to its end without decoding a record (<see cref="JournalReader"/>): a torn last
    /// line is left out, any other unreadable or out-of-order line is an error naming it.
    /// </summary>
    public static JournalContents ReadFile(string path, bool isSealed)
    {
        using JournalReader reader = JournalReader.Open(path, isSealed);
        return reader.ReadToEnd();
    }

    /// <summary>Appends one pair's record as a single flushed write; records must come in pair and model order.</summary>
    public void Append(PairRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        CheckOrder(record.Pair, record.Model);
        WriteLine(JournalRecordCodec.Encode(record));
        _last = (record.Pair, record.Model);
    }

    /// <summary>Appends a record line as another journal of this format holds it (a merge copies its shards' lines instead of encoding them again).</summary>
    internal void Append(JournalEntry entry)
    {
        CheckOrder(entry.Pair, entry.Model);
        WriteLine(entry.Line);
        _last = (entry.Pair, entry.Model);
    }

    private void CheckOrder(int pair, int model)
    {
        if ((pair, model).CompareTo(_last) <= 0)
        {
            throw new InvalidOperationException($"Journal records must come in pair and model order: pair {pair} of model {model} after pair {_last.Pair} of model {_last.Model}.");
        }
    }

    /// <summary>
    /// The records of one model journaled so far, in pair order, read back one at a time from the file (so a run's
    /// memory does not grow with its pairs). Lines of other models are skipped on their readable pair and model, never decoded.
    /// </summary>
    public IEnumerable<PairRecord> RecordsOf(int model) => ReadBack(model);

    /// <summary>Every record journaled so far, in pair and model order, read back one at a time (a resume replays them).</summary>
    public IEnumerable<PairRecord> Records() => ReadBack(model: null);

    /// <summary>The records read back and decoded on every core (<see cref="ParallelRecordDecoder"/>), in the journal's order.</summary>
    private IEnumerable<PairRecord> ReadBack(int? model)
    {
        _stream.Flush();
        return ParallelRecordDecoder.DecodeAll(EntriesOf(_stream.Name, model));
    }

    private static IEnumerable<JournalEntry> EntriesOf(string path, int? model)
    {
        using JournalReader reader = JournalReader.Open(path, isSealed: false);
        foreach (JournalEntry entry in model is { } m ? reader.Entries(m) : reader.Entries())
        {
            yield return entry;
        }
    }

    /// <summary>Writes the lines appended so far through to the file (a journal created without flushing each line buffers them).</summary>
    public void Flush() => _stream.Flush();

    /// <summary>Appends the completion line of a finished run.</summary>
    public void Complete(JournalCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        WriteLine(new JournalLine(Complete: completion));
    }

    /// <summary>Flushes the journal to disk and gives it its real name (<see cref="FileName"/>).</summary>
    public void Seal()
    {
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

    private void WriteLine(JournalLine line) => WriteLine(JsonSerializer.SerializeToUtf8Bytes(line, JsonOptions));

    private void WriteLine(ReadOnlySpan<byte> json)
    {
        if (!_flushEachLine)
        {
            _stream.Write(json);
            _stream.WriteByte((byte)'\n');
            return;
        }

        byte[] whole = ArrayPool<byte>.Shared.Rent(json.Length + 1);
        try
        {
            json.CopyTo(whole);
            whole[json.Length] = (byte)'\n';
            _stream.Write(whole, 0, json.Length + 1); // one write: a kill leaves the line whole or torn, never interleaved
            _stream.Flush();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(whole);
        }
    }
}
