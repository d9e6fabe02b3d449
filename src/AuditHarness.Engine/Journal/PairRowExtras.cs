using System.Globalization;
using AuditHarness.Engine.Pairs;

namespace AuditHarness.Engine.Journal;

/// <summary>
/// What a processed pair's <c>pairs.csv</c> rows hold beyond its outcome: the model name, the pair's label, and per
/// variant its detection count and placebo shift. <see cref="PairLogRowFormatter.FormatPairRows"/> formats the rows again from
/// these and the outcome, so a journal record keeps only them.
/// </summary>
internal sealed record PairRowExtras(string Model, string Label, (int Detections, int? Dx, int? Dy)[] Variants)
{
    private const int Columns = 19;

    /// <summary>
    /// Read from <paramref name="rows"/> as <see cref="Summary.AuditLog.FormatPair"/> wrote them; null unless formatting them
    /// again from what was read gives exactly <paramref name="rows"/> (a quoted field, another layout): then the rows
    /// are journaled as they are.
    /// </summary>
    public static PairRowExtras? Of(string rows, PairOutcome outcome)
    {
        if (rows.Length == 0 || rows.Contains('"', StringComparison.Ordinal) || rows[^1] != '\n')
        {
            return null;
        }

        string[] lines = rows[..^1].Split('\n');
        if (lines.Length != PairLogRowFormatter.PairRowVariants(outcome).Length)
        {
            return null;
        }

        var variants = new (int, int?, int?)[lines.Length];
        string[] first = lines[0].Split(',');
        if (first.Length != Columns)
        {
            return null;
        }

        for (int i = 0; i < lines.Length; i++)
        {
            string[] fields = lines[i].Split(',');
            if (fields.Length != Columns || !int.TryParse(fields[5], NumberStyles.None, CultureInfo.InvariantCulture, out int detections)
                || !TryOptional(fields[15], out int? dx) || !TryOptional(fields[16], out int? dy))
            {
                return null;
            }

            variants[i] = (detections, dx, dy);
        }

        var read = new PairRowExtras(first[0], first[3], variants);
        return string.Equals(PairLogRowFormatter.FormatPairRows(read.Model, outcome, read.Label, read.Variants), rows, StringComparison.Ordinal) ? read : null;
    }

    private static bool TryOptional(string field, out int? value)
    {
        value = null;
        if (field.Length == 0)
        {
            return true;
        }

        bool parsed = int.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v);
        value = v;
        return parsed;
    }
}
