using System.Globalization;
using CsvHelper;

namespace AuditHarness.Core.IO;

/// <summary>
/// Formats CSV rows to text exactly as <see cref="CsvTableFile"/> writes them (invariant culture, LF, the same
/// quoting), so rows formatted once can be kept (in a run journal) and appended later byte for byte.
/// </summary>
public static class CsvRowFormatter
{
    internal static readonly CsvWriterOptions Options = new()
    {
        FormatProvider = CultureInfo.InvariantCulture,
        NewLine = "\n",
    };

    /// <summary>The text of the rows <paramref name="write"/> writes (one <c>WriteField</c> per column, <c>EndRecord</c> per row).</summary>
    public static string Format(Action<CsvWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (CsvWriter writer = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            write(writer);
        }

        return text.ToString();
    }
}
