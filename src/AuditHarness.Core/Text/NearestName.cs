namespace AuditHarness.Core.Text;

/// <summary>
/// The known name a mistyped one most likely meant ("did you mean ...?"), by edit distance: insertions, deletions,
/// substitutions and swaps of two neighbouring characters each cost 1, letter case is ignored. A name is suggested
/// only within a small cutoff (1 for words of up to 3 characters, 2 up to 6, 3 beyond), so a word that merely
/// shares a few letters with a known name gets no suggestion.
/// </summary>
public static class NearestName
{
    /// <summary>The nearest of <paramref name="known"/> within the cutoff; on a tie the first in ordinal order; null when none is near.</summary>
    public static string? Find(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        int cutoff = Cutoff(typed.Length);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in known.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (string.Equals(candidate, typed, StringComparison.Ordinal))
            {
                continue;
            }

            int distance = Distance(typed, candidate);
            // A candidate that would have to be rewritten entirely is no suggestion, however short.
            if (distance <= cutoff && distance < Math.Max(typed.Length, candidate.Length) && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>" Did you mean 'x'?"-style suffix: <c>; did you mean 'x'?</c>, or empty when nothing is near.</summary>
    public static string Suggestion(string typed, IEnumerable<string> known) =>
        Find(typed, known) is { } near ? $"; did you mean '{near}'?" : string.Empty;

    /// <summary>The largest distance at which a name is still suggested for a typed word of this length.</summary>
    public static int Cutoff(int length) => length <= 3 ? 1 : length <= 6 ? 2 : 3;

    /// <summary>Optimal-string-alignment distance (Damerau-Levenshtein without repeated edits of one substring), ignoring case.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        string x = a.ToLowerInvariant(), y = b.ToLowerInvariant();
        var d = new int[x.Length + 1, y.Length + 1];
        for (int i = 0; i <= x.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= y.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= x.Length; i++)
        {
            for (int j = 1; j <= y.Length; j++)
            {
                int cost = x[i - 1] == y[j - 1] ? 0 : 1;
                int value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }

                d[i, j] = value;
            }
        }

        return d[x.Length, y.Length];
    }
}
