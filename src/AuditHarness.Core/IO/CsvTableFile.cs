using System.Text;
using CsvHelper;

namespace AuditHarness.Core.IO;

/// <summary>
/// A CSV log written as a run goes: fixed columns, invariant culture, LF line ends, rows flushed on
/// <see cref="FlushRows"/> so a reader can follow progress, and the real file name given only on
/// <see cref="Complete"/> (see <see cref="AtomicFile"/>), so an interrupted run never leaves a half-written table.
/// </summary>
public sealed class CsvTableFile : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly AtomicFile _file;

    public CsvTableFile(string path, IReadOnlyList<string> columns)
    {
        Columns = columns;
        _file = AtomicFile.Create(path);
        Writer = CsvWriter.Create(_file.Stream, CsvRowFormatter.Options, leaveOpen: true);
        Writer.WriteRecord([.. columns]);
    }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>The writer for rows: one <c>WriteField</c> per column, then <c>EndRecord</c>.</summary>
    public CsvWriter Writer { get; }

    public void FlushRows()
    {
        Writer.Flush();
    }

    /// <summary>Appends rows already formatted by <see cref="CsvRowFormatter"/> and flushes them.</summary>
    public void AppendRows(string rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Writer.Flush(); // rows written through Writer go first
        _file.Stream.Write(Utf8.GetBytes(rows));
        _file.Stream.Flush();
    }

    public void Complete()
    {
        Writer.Dispose(); // flushes the last rows while the stream is still open
        _file.Commit();
    }

    /// <summary>Without <see cref="Complete"/>, discards the temporary file.</summary>
    public void Dispose()
    {
        Writer.Dispose();
        _file.Dispose();
    }
}
