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

    /// <summary>
    /// The type-7 quantile of values in any order, equal to <see cref="OfSorted"/> of them sorted, found by selection
    /// (Hoare's FIND: expected linear time) instead of a full sort; the values are reordered in place. A bootstrap
    /// interval needs two quantiles of 10,000 replicates, which a sort spends most of its time ordering for nothing.
    /// NaN values are refused (they have no place in an order).
    /// </summary>
    public static double OfUnsorted(Span<double> values, double probability)
    {
        if (double.IsNaN(probability) || probability < 0 || probability > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, $"probability must be between 0 and 1 inclusive; got {probability}.");
        }

        if (values.IsEmpty)
        {
            return double.NaN;
        }

        if (HasNaN(values))
        {
            throw new ArgumentException("values must not contain NaN.", nameof(values));
        }

        double h = (values.Length - 1) * probability;
        int below = Math.Min((int)Math.Floor(h), values.Length - 1);
        Select(values, below);
        if (below == values.Length - 1)
        {
            return values[below];
        }

        // Selection leaves nothing smaller than values[below] after it, so the next order statistic is the least of the rest.
        double fraction = h - below;
        double lower = values[below], upper = Min(values[(below + 1)..]);
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

    /// <summary>Reorders <paramref name="values"/> so that the k-th smallest is at index k, none larger before it and none smaller after it.</summary>
    private static void Select(Span<double> values, int k)
    {
        int low = 0, high = values.Length - 1;
        while (high > low)
        {
            double pivot = MedianOfThree(values[low], values[low + ((high - low) / 2)], values[high]);
            int i = low, j = high;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // Now values[low..j] <= pivot <= values[i..high], and anything between equals the pivot.
            if (k <= j)
            {
                high = j;
            }
            else if (k >= i)
            {
                low = i;
            }
            else
            {
                return;
            }
        }
    }

    private static double MedianOfThree(double a, double b, double c) =>
        a < b ? (b < c ? b : Math.Max(a, c)) : (a < c ? a : Math.Max(b, c));

    private static double Min(ReadOnlySpan<double> values)
    {
        double min = values[0];
        foreach (double v in values)
        {
            min = v < min ? v : min;
        }

        return min;
    }

    private static bool HasNaN(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            if (double.IsNaN(v))
            {
                return true;
            }
        }

        return false;
    }
}
