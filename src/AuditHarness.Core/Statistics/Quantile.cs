namespace AuditHarness.Core.Statistics;

/// <summary>
/// Sample quantiles by Hyndman and Fan's definition 7 (Hyndman &amp; Fan, "Sample quantiles in statistical
/// packages", The American Statistician 50(4), 1996): linear interpolation between order statistics at
/// position <c>h = (n - 1) p</c>, zero-based. It is the default of R's <c>quantile</c> and numpy's
/// <c>percentile</c>, so a reader can check a reported bound with either.
/// </summary>
public static class Quantile
{
    /// <summary>
    /// The type-7 quantile of already ascending-sorted values: <c>x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])</c>.
    /// NaN for an empty span.
    /// </summary>
    public static double OfSorted(ReadOnlySpan<double> sorted, double probability)
    {
        if (double.IsNaN(probability) || probability < 0 || probability > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, $"probability must be between 0 and 1 inclusive; got {probability}.");
        }

        if (sorted.IsEmpty)
        {
            return double.NaN;
        }

        double h = (sorted.Length - 1) * probability;
        int below = (int)Math.Floor(h);
        if (below >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        double fraction = h - below;
        double lower = sorted[below], upper = sorted[below + 1];

        // Equal neighbours return exactly that value (no 0 * inf or rounding noise from the interpolation).
        return lower == upper ? lower : lower + (fraction * (upper - lower));
    }

    /// <summary>The type-7 quantile of values in any order; the input is not modified.</summary>
    public static double Of(IReadOnlyList<double> values, double probability)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] sorted = [.. values];
        Array.Sort(sorted);
        return OfSorted(sorted, probability);
    }
}
