using CsvHelper;

namespace AuditHarness.Core.IO;

/// <summary>
/// The one missing-value rule of every CSV the harness writes: a number that has no value (NaN: no pair, no detection,
/// a region off the grid) is an empty field, never the text <c>NaN</c>, so a spreadsheet or pandas reads it as missing
/// and every file says "missing" the same way. Other numbers are written as before: invariant culture, shortest
/// round-trip form.
/// </summary>
public static class CsvNumber
{
    public static void WriteNumber(this CsvWriter writer, double value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsNaN(value))
        {
            writer.WriteField(string.Empty);
        }
        else
        {
            writer.WriteField(value, default);
        }
    }

    public static void WriteNumber(this CsvWriter writer, float value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (float.IsNaN(value))
        {
            writer.WriteField(string.Empty);
        }
        else
        {
            writer.WriteField(value, default);
        }
    }

    /// <summary>A flag as every file writes it: <c>true</c> or <c>false</c>; empty when it does not apply.</summary>
    public static void WriteFlag(this CsvWriter writer, bool? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteField(value is null ? string.Empty : value.Value ? "true" : "false");
    }
}
