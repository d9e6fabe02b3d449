using System.Globalization;
using CsvHelper;

namespace AuditHarness.Core.IO;

/// <summary>
/// Formats CSV rows to text exactly as <see cref="CsvTableFile"/> writes them (invariant culture, LF, the same
/// quoting), so rows formatted once can be kept (in a run journal) and appended later byte for byte.
/// Text cells that a spreadsheet would run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR)
/// get a leading <c>'</c> (the OWASP rule); numbers are written as numbers and never touched, so <c>-0.25</c> stays <c>-0.25</c>.
/// </summary>
public static class CsvRowFormatter
{
    internal static readonly CsvWriterOptions Options = new()
    {
        FormatProvider = CultureInfo.InvariantCulture,
        NewLine = "\n",
        Injection = CsvInjection.Escape,
        InjectionCharacters = FormulaStarts,
        InjectionEscape = FormulaEscape,
    };

    private const string FormulaStarts = "=+-@\t\r";
    private const char FormulaEscape = '\'';

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

    /// <summary>
    /// A text cell as it was before writing: the <c>'</c> put in front of a possible formula is removed. Readers of the
    /// harness's own CSV files use it on text columns, so a value read back equals the value written.
    /// </summary>
    public static string ReadText(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length >= 2 && cell[0] == FormulaEscape && FormulaStarts.Contains(cell[1], StringComparison.Ordinal) ? cell[1..] : cell;
    }
}
