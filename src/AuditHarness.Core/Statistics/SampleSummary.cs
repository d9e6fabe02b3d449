namespace AuditHarness.Core.Statistics;

/// <summary>
/// Count, mean, median and sample standard deviation (n - 1 divisor) of per-item values; the figures a report
/// prints next to each interval.
/// </summary>
public readonly record struct SampleSummary(int Count, double Mean, double Median, double StandardDeviation)
{
    /// <summary>
    /// Summarises the values. Empty gives NaN everywhere but the count; a single value has no sample
    /// standard deviation (NaN). The median is the type-7 quantile at 0.5, the usual midpoint rule.
    /// </summary>
    public static SampleSummary Describe(IReadOnlyList<double> values)
    {
        double[] sample = StatisticsArguments.RequireFinite(values, nameof(values));
        if (sample.Length == 0)
        {
            return new SampleSummary(0, double.NaN, double.NaN, double.NaN);
        }

        double sum = 0;
        foreach (double v in sample)
        {
            sum += v;
        }

        double mean = sum / sample.Length;

        // Two passes: the one-pass formula cancels badly when the mean is large against the spread.
        double squaredDeviations = 0;
        foreach (double v in sample)
        {
            double d = v - mean;
            squaredDeviations += d * d;
        }

        double sd = sample.Length > 1 ? Math.Sqrt(squaredDeviations / (sample.Length - 1)) : double.NaN;
        Array.Sort(sample);
        return new SampleSummary(sample.Length, mean, Quantile.OfSorted(sample, 0.5), sd);
    }
}
