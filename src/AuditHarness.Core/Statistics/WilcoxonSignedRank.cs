using MathNet.Numerics.Distributions;

namespace AuditHarness.Core.Statistics;

/// <summary>
/// Wilcoxon signed-rank test on paired values (Wilcoxon, "Individual comparisons by ranking methods",
/// Biometrics Bulletin 1(6), 1945).
/// </summary>
/// <remarks>
/// <para>The differences d = x - y that are exactly zero are dropped (Wilcoxon's method, scipy's default
/// <c>zero_method='wilcox'</c>); the others are ranked by |d|, ties getting the average of the ranks they span.
/// Ties are exact equality of |d|: round the inputs first if computed values should count as tied.</para>
/// <para>p-value: exact, from the null distribution of W+ enumerated by dynamic programming over rank sums, when
/// at most <see cref="ExactMaximumN"/> differences remain and no |d| is tied. Otherwise the normal approximation
/// with mean n(n+1)/4, variance n(n+1)(2n+1)/24 - sum(t^3 - t)/48 over tie groups of size t, and a continuity
/// correction of 0.5 towards the mean, as R's <c>wilcox.test(correct = TRUE)</c> and scipy.stats.wilcoxon with
/// <c>correction=True</c> and the normal method compute it. Unlike R's default, dropped zeros alone do not force the
/// approximation: under Wilcoxon's method the remaining ranks are 1..n and their exact distribution still holds.</para>
/// </remarks>
public static class WilcoxonSignedRank
{
    /// <summary>Largest number of non-zero differences for which the exact distribution is used (2^25 sign patterns).</summary>
    public const int ExactMaximumN = 25;

    public static WilcoxonResult Test(IReadOnlyList<double> x, IReadOnlyList<double> y, Alternative alternative = Alternative.Greater)
    {
        double[] first = StatisticsArguments.RequireFinite(x, nameof(x));
        double[] second = StatisticsArguments.RequireFinite(y, nameof(y));
        if (first.Length != second.Length)
        {
            throw new ArgumentException($"x and y must be paired, of equal length; x has {first.Length} values, y has {second.Length}.", nameof(y));
        }

        RequireAlternative(alternative);
        List<double> differences = new(first.Length);
        for (int i = 0; i < first.Length; i++)
        {
            double d = first[i] - second[i];
            if (d != 0)
            {
                differences.Add(d);
            }
        }

        return FromDifferences([.. differences], alternative);
    }

    /// <summary>
    /// The test of <paramref name="values"/> against zero: <see cref="Test"/>(values, zeros), the same result, without
    /// the zeros and the copies (a check over half a million subjects ranks its per-subject values this way).
    /// </summary>
    public static WilcoxonResult OneSample(IReadOnlyList<double> values, Alternative alternative = Alternative.Greater)
    {
        ArgumentNullException.ThrowIfNull(values);
        RequireAlternative(alternative);
        int nonZero = 0;
        for (int i = 0; i < values.Count; i++)
        {
            double v = values[i];
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"values[{i}] is {v}; every value must be finite (drop pairs without a value first).", nameof(values));
            }

            nonZero += v != 0 ? 1 : 0;
        }

        double[] differences = new double[nonZero];
        for (int i = 0, next = 0; i < values.Count; i++)
        {
            if (values[i] != 0)
            {
                differences[next++] = values[i];
            }
        }

        return FromDifferences(differences, alternative);
    }

    private static void RequireAlternative(Alternative alternative)
    {
        if (!Enum.IsDefined(alternative))
        {
            throw new ArgumentOutOfRangeException(nameof(alternative), alternative, $"alternative must be one of {string.Join(", ", Enum.GetNames<Alternative>())}; got {(int)alternative}.");
        }
    }

    /// <summary>The test on the non-zero differences, in their order.</summary>
    private static WilcoxonResult FromDifferences(double[] differences, Alternative alternative)
    {
        int n = differences.Length;
        if (n == 0)
        {
            // Nothing to rank: the data carry no evidence either way, which a p-value of 1 would overstate.
            return new WilcoxonResult(0, 0, 0, 0, null, double.NaN, Exact: false);
        }

        (double wPlus, double wMinus, double tieSum) = RankSums(differences);
        double statistic = alternative == Alternative.TwoSided ? Math.Min(wPlus, wMinus) : wPlus;

        if (n <= ExactMaximumN && tieSum == 0)
        {
            double p = ExactPValue(n, (int)Math.Round(wPlus), alternative);
            return new WilcoxonResult(n, wPlus, wMinus, statistic, null, p, Exact: true);
        }

        double mean = n * (n + 1) / 4.0;
        double variance = (n * (n + 1.0) * ((2.0 * n) + 1) / 24.0) - (tieSum / 48.0);
        double sd = Math.Sqrt(variance);
        double shift = wPlus - mean;
        double correction = alternative switch
        {
            Alternative.Greater => 0.5,
            Alternative.Less => -0.5,
            _ => 0.5 * Math.Sign(shift),
        };
        double z = (shift - correction) / sd;
        double pValue = alternative switch
        {
            // Upper tails as the CDF of -z: 1 - CDF(z) would lose every digit of a small p-value.
            Alternative.Greater => Normal.CDF(0, 1, -z),
            Alternative.Less => Normal.CDF(0, 1, z),
            _ => Math.Min(1, 2 * Normal.CDF(0, 1, -Math.Abs(z))),
        };
        return new WilcoxonResult(n, wPlus, wMinus, statistic, z, pValue, Exact: false);
    }

    /// <summary>W+ and W- with average ranks for ties, and sum(t^3 - t) over tie groups for the variance.</summary>
    private static (double WPlus, double WMinus, double TieSum) RankSums(double[] differences)
    {
        double[] magnitudes = new double[differences.Length];
        for (int i = 0; i < magnitudes.Length; i++)
        {
            magnitudes[i] = Math.Abs(differences[i]);
        }

        double[] signs = differences; // owned here: sorted along with the magnitudes
        Array.Sort(magnitudes, signs);

        double wPlus = 0, wMinus = 0, tieSum = 0;
        int start = 0;
        while (start < magnitudes.Length)
        {
            int end = start + 1;
            while (end < magnitudes.Length && magnitudes[end] == magnitudes[start])
            {
                end++;
            }

            // Ranks start+1 .. end (one-based) share their average.
            double rank = (start + 1 + end) / 2.0;
            for (int i = start; i < end; i++)
            {
                if (signs[i] > 0)
                {
                    wPlus += rank;
                }
                else
                {
                    wMinus += rank;
                }
            }

            double t = end - start;
            tieSum += (t * t * t) - t;
            start = end;
        }

        return (wPlus, wMinus, tieSum);
    }

    /// <summary>
    /// p-value from the exact null distribution of W+ with ranks 1..n, each sign + with probability 1/2:
    /// counts[s] is the number of subsets of {1..n} summing to s, built one rank at a time like a 0/1 knapsack.
    /// </summary>
    private static double ExactPValue(int n, int wPlus, Alternative alternative)
    {
        int maximum = n * (n + 1) / 2;
        long[] counts = new long[maximum + 1];
        counts[0] = 1;
        for (int rank = 1; rank <= n; rank++)
        {
            for (int s = maximum; s >= rank; s--)
            {
                counts[s] += counts[s - rank];
            }
        }

        long atMost = 0, atLeast = 0;
        for (int s = 0; s <= maximum; s++)
        {
            if (s <= wPlus)
            {
                atMost += counts[s];
            }

            if (s >= wPlus)
            {
                atLeast += counts[s];
            }
        }

        // Counts and 2^n are below 2^53, so these quotients are correctly rounded.
        double total = Math.ScaleB(1.0, n);
        return alternative switch
        {
            Alternative.Greater => atLeast / total,
            Alternative.Less => atMost / total,
            _ => Math.Min(1, 2 * Math.Min(atLeast, atMost) / total),
        };
    }
}
