using System.Text;

namespace AuditHarness.Engine.Benchmarks;

/// <summary>
/// Puts another pair id into journaled log rows: every log (<c>pairs.csv</c>, <c>detections.csv</c>, <c>layers.csv</c>,
/// <c>errors.csv</c>) has the model in its first column and the pair id in its second, so each record's second field is
/// replaced and every other byte kept. Quoted fields (a class name or message with a comma, quote or line break) are
/// walked over as CSV, not split on commas.
/// </summary>
public static class CsvPairIdRewriter
{
    /// <param name="rows">Whole CSV records, each ending in LF (or empty).</param>
    /// <param name="pairId">The new id; it must need no quoting (pair ids follow the name rule: letters, digits, '.', '_', '-').</param>
    public static string Rewrite(string rows, string pairId)
    {
        if (rows.Length == 0)
        {
            return rows;
        }

        var text = new StringBuilder(rows.Length + 64);
        int position = 0;
        while (position < rows.Length)
        {
            int modelEnd = FieldEnd(rows, position);
            if (modelEnd >= rows.Length || rows[modelEnd] != ',')
            {
                throw new InvalidDataException($"A journaled log row has no pair id column: '{Excerpt(rows, position)}'.");
            }

            int idEnd = FieldEnd(rows, modelEnd + 1);
            int recordEnd = idEnd;
            while (recordEnd < rows.Length && rows[recordEnd] != '\n')
            {
                recordEnd = FieldEnd(rows, recordEnd + 1);
            }

            if (recordEnd >= rows.Length)
            {
                throw new InvalidDataException($"A journaled log row does not end in a line feed: '{Excerpt(rows, position)}'.");
            }

            text.Append(rows, position, modelEnd + 1 - position).Append(pairId).Append(rows, idEnd, recordEnd + 1 - idEnd);
            position = recordEnd + 1;
        }

        return text.ToString();
    }

    /// <summary>Index of the comma or line feed that ends the field starting at <paramref name="start"/> (or the text's length).</summary>
    private static int FieldEnd(string rows, int start)
    {
        int i = start;
        if (i < rows.Length && rows[i] == '"')
        {
            i++;
            while (i < rows.Length)
            {
                if (rows[i] == '"')
                {
                    if (i + 1 < rows.Length && rows[i + 1] == '"')
                    {
                        i += 2; // an escaped quote
                        continue;
                    }

                    i++;
                    break;
                }

                i++;
            }
        }

        int end = rows.AsSpan(i).IndexOfAny(',', '\n');
        return end < 0 ? rows.Length : i + end;
    }

    private static string Excerpt(string rows, int start) => rows.Substring(start, Math.Min(60, rows.Length - start)).ReplaceLineEndings(" ");
}
