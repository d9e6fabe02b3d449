using System.Buffers;
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

    /// <summary>Rows appended without flushing wait in the stream's buffer: a merge appends millions of rows a few KB each.</summary>
    private const int BufferSize = 1 << 18;

    private readonly AtomicFile _file;
    private readonly CsvWriter _writer;
    private bool _writerUsed; // whether rows may wait in the writer's own buffer, to go before appended ones

    public CsvTableFile(string path, IReadOnlyList<string> columns)
    {
        Columns = columns;
        _file = AtomicFile.Create(path, BufferSize);
        _writer = CsvWriter.Create(_file.Stream, CsvRowFormatter.Options, leaveOpen: true);
        Writer.WriteRecord([.. columns]);
    }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>The writer for rows: one <c>WriteField</c> per column, then <c>EndRecord</c>.</summary>
    public CsvWriter Writer
    {
        get
        {
            _writerUsed = true;
            return _writer;
        }
    }

    public void FlushRows()
    {
        _writer.Flush();
        _file.Stream.Flush();
        _writerUsed = false;
    }

    /// <summary>Appends rows already formatted by <see cref="CsvRowFormatter"/> and flushes them.</summary>
    public void AppendRows(string rows) => AppendRows(rows, flush: true);

    /// <summary>
    /// Appends rows already formatted by <see cref="CsvRowFormatter"/>; with <paramref name="flush"/> false they may wait
    /// in the buffer until a later flush (or until it fills), so a reader following the file sees them later.
    /// </summary>
    public void AppendRows(string rows, bool flush)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (_writerUsed)
        {
            _writer.Flush(); // rows written through Writer go first
            _writerUsed = false;
        }

        byte[] bytes = ArrayPool<byte>.Shared.Rent(Utf8.GetMaxByteCount(rows.Length));
        try
        {
            int length = Utf8.GetBytes(rows, bytes);
            _file.Stream.Write(bytes, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }

        if (flush)
        {
            _file.Stream.Flush();
        }
    }

    public void Complete()
    {
        _writer.Dispose(); // flushes the last rows while the stream is still open
        _file.Commit();
    }

    /// <summary>Without <see cref="Complete"/>, discards the temporary file.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _file.Dispose();
    }
}
