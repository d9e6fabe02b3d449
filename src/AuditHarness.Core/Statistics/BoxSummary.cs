namespace AuditHarness.Core.Statistics;

/// <summary>
/// The five numbers a box plot draws (minimum, lower quartile, median, upper quartile, maximum) and the mean, of
/// per-item values. Quartiles are type-7 quantiles (<see cref="Quantile"/>), as numpy's default. Empty gives NaN
/// everywhere but the count, so a report shows "no data" instead of a box.
/// </summary>
public readonly record struct BoxSummary(int Count, double Min, double LowerQuartile, double Median, double UpperQuartile, double Max, double Mean)
{
    public static BoxSummary Describe(IReadOnlyList<double> values)
    {
        double[] sorted = StatisticsArguments.RequireFinite(values, nameof(values));
        if (sorted.Length == 0)
        {
            return new BoxSummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        Array.Sort(sorted);
        return new BoxSummary(
            sorted.Length,
            sorted[0],
            Quantile.OfSorted(sorted, 0.25),
            Quantile.OfSorted(sorted, 0.5),
            Quantile.OfSorted(sorted, 0.75),
            sorted[^1],
            sorted.Average());
    }
}
