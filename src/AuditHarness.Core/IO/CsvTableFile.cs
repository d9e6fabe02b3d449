using System.Globalization;
using CsvHelper;

namespace AuditHarness.Core.IO;

/// <summary>
/// A CSV log written as a run goes: fixed columns, invariant culture, LF line ends, rows flushed on
/// <see cref="FlushRows"/> so a reader can follow progress, and the real file name given only on
/// <see cref="Complete"/> (see <see cref="AtomicFile"/>), so an interrupted run never leaves a half-written table.
/// </summary>
public sealed class CsvTableFile : IDisposable
{
    private static readonly CsvWriterOptions Options = new()
    {
        FormatProvider = CultureInfo.InvariantCulture,
        NewLine = "\n",
    };

    private readonly AtomicFile _file;

    public CsvTableFile(string path, IReadOnlyList<string> columns)
    {
        Columns = columns;
        _file = AtomicFile.Create(path);
        Writer = CsvWriter.Create(_file.Stream, Options, leaveOpen: true);
        Writer.WriteRecord([.. columns]);
    }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>The writer for rows: one <c>WriteField</c> per column, then <c>EndRecord</c>.</summary>
    public CsvWriter Writer { get; }

    public void FlushRows()
    {
        Writer.Flush();
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
