using System.Text.Json;
using System.Text.Json.Serialization;
using AuditHarness.Core.Errors;
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
/// (or shard) is done, like every other output. Doubles are written in shortest round-trip form and NaN as
/// <c>"NaN"</c>, so outcomes read back are bit for bit the ones computed. A flushed line survives the process being
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
    private (int Pair, int Model) _last;
    private bool _sealed;

    private RunJournal(string folder, FileStream stream, (int Pair, int Model) last)
    {
        _folder = folder;
        _stream = stream;
        _last = last;
    }

    /// <summary>Starts a new journal in <paramref name="folder"/> (replacing an unfinished one) and writes its header.</summary>
    public static RunJournal Create(string folder, JournalHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        FileStream stream;
        try
        {
            Directory.CreateDirectory(folder);
            stream = new FileStream(Path.Combine(folder, PartialFileName), FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The journal is a run's first file: failing to create it means the output folder is unusable (an existing
            // file, a read-only mount, /proc, /dev/null), which is configuration, not a bug.
            throw OutputFolder.Unwritable(folder, ex);
        }

        var journal = new RunJournal(folder, stream, (-1, -1));
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
        PairRecord? last = contents.Records.Count == 0 ? null : contents.Records[^1];
        return new RunJournal(folder, stream, last is null ? (-1, -1) : (last.Pair, last.Model));
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

    /// <summary>Reads one journal file; a torn last line is left out, any other unreadable or out-of-order line is an error naming it.</summary>
    public static JournalContents ReadFile(string path, bool isSealed)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            throw new AuditInputException($"Run journal '{path}' cannot be read: {ex.Message}", ex);
        }

        JournalHeader? header = null;
        JournalCompletion? completion = null;
        var records = new List<PairRecord>();
        long recordsLength = 0;
        int start = 0, lineNumber = 0;
        (int Pair, int Model) last = (-1, -1);
        while (true)
        {
            int end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0)
            {
                break; // whatever follows the last newline is a torn line
            }

            lineNumber++;
            JournalLine line = ParseLine(path, lineNumber, bytes.AsSpan(start, end - start));
            if (lineNumber == 1)
            {
                header = line.Header ?? throw Corrupt(path, lineNumber, "the first line is not a journal header");
                recordsLength = end + 1;
                if (header.SchemaVersion != JournalHeader.CurrentSchemaVersion)
                {
                    break; // another format's records may not follow this one's rules; the header says why it cannot be used
                }
            }
            else if (completion is not null)
            {
                throw Corrupt(path, lineNumber, "a line follows the completion line");
            }
            else if (line.Pair is { } record)
            {
                if (record.Model < 0 || record.Model >= header!.Models.Count || record.Pair < 0 || record.Pair >= header.Pairs)
                {
                    throw Corrupt(path, lineNumber, $"pair {record.Pair} of model {record.Model} is outside the header's {header!.Models.Count} models and {header.Pairs} pairs");
                }

                if ((record.Pair, record.Model).CompareTo(last) <= 0)
                {
                    throw Corrupt(path, lineNumber, $"pair {record.Pair} of model {record.Model} comes after pair {last.Pair} of model {last.Model}; records must be in pair and model order");
                }

                if (header.Shard is { } shard && !shard.Contains(record.Pair))
                {
                    throw Corrupt(path, lineNumber, $"pair {record.Pair} is not in shard {shard}");
                }

                if ((record.Outcome is null) == (record.Failure is null))
                {
                    throw Corrupt(path, lineNumber, "a pair record needs exactly one of outcome and failure");
                }

                last = (record.Pair, record.Model);
                records.Add(record);
                recordsLength = end + 1;
            }
            else if (line.Complete is { } complete)
            {
                completion = complete;
            }
            else
            {
                throw Corrupt(path, lineNumber, "expected a pair record or the completion line");
            }

            start = end + 1;
        }

        return new JournalContents(path, isSealed, header, records, completion, recordsLength, bytes.Length - start);
    }

    /// <summary>Appends one pair's record as a single flushed write; records must come in pair and model order.</summary>
    public void Append(PairRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if ((record.Pair, record.Model).CompareTo(_last) <= 0)
        {
            throw new InvalidOperationException($"Journal records must come in pair and model order: pair {record.Pair} of model {record.Model} after pair {_last.Pair} of model {_last.Model}.");
        }

        WriteLine(new JournalLine(Pair: record));
        _last = (record.Pair, record.Model);
    }

    /// <summary>
    /// The records of one model journaled so far, in pair order, read back one at a time from the file (so a run's
    /// memory does not grow with its pairs). Lines of other models are skipped after reading their first field.
    /// </summary>
    public IEnumerable<PairRecord> RecordsOf(int model)
    {
        _stream.Flush();
        string path = _stream.Name;
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1 << 16);
        using var lines = new StreamReader(reader, System.Text.Encoding.UTF8);
        lines.ReadLine(); // the header
        int lineNumber = 1;
        while (lines.ReadLine() is { } text)
        {
            lineNumber++;
            byte[] line = System.Text.Encoding.UTF8.GetBytes(text);
            if (LeadingModel(line) is { } leading && leading != model)
            {
                continue;
            }

            if (ParseLine(path, lineNumber, line).Pair is { } record && record.Model == model)
            {
                yield return record;
            }
        }
    }

    /// <summary>The model of a pair line when it starts <c>{"pair":{"model":N</c>, as this class writes it; else null (parse it whole).</summary>
    private static int? LeadingModel(ReadOnlySpan<byte> line)
    {
        var json = new Utf8JsonReader(line);
        return json.Read() && json.TokenType == JsonTokenType.StartObject
            && json.Read() && json.TokenType == JsonTokenType.PropertyName && json.ValueTextEquals("pair"u8)
            && json.Read() && json.TokenType == JsonTokenType.StartObject
            && json.Read() && json.TokenType == JsonTokenType.PropertyName && json.ValueTextEquals("model"u8)
            && json.Read() && json.TokenType == JsonTokenType.Number && json.TryGetInt32(out int value)
            ? value : null;
    }

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

    private static JournalLine ParseLine(string path, int lineNumber, ReadOnlySpan<byte> line)
    {
        try
        {
            return JsonSerializer.Deserialize<JournalLine>(line, JsonOptions) ?? throw Corrupt(path, lineNumber, "the line is null");
        }
        catch (JsonException ex)
        {
            throw Corrupt(path, lineNumber, $"not a journal line ({ex.Message})");
        }
    }

    private static AuditInputException Corrupt(string path, int lineNumber, string problem) =>
        new($"Run journal '{path}' line {lineNumber}: {problem}; the journal was not written by this harness or was edited.");

    private void WriteLine(JournalLine line)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(line, JsonOptions);
        byte[] whole = new byte[json.Length + 1];
        json.CopyTo(whole, 0);
        whole[^1] = (byte)'\n';
        _stream.Write(whole); // one write: a kill leaves the line whole or torn, never interleaved
        _stream.Flush();
    }
}
