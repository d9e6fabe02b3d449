namespace AuditHarness.Core.Statistics;

/// <summary>
/// Percentile bootstrap confidence intervals (Efron &amp; Tibshirani, "An Introduction to the Bootstrap", 1993,
/// ch. 13) over per-item values, reproducible from a seed.
/// </summary>
/// <remarks>
/// <para>Procedure: <c>resamples</c> times, draw n indices uniformly with replacement and evaluate the statistic on
/// the values at those indices, in draw order; the bounds are the type-7 quantiles (<see cref="Quantile"/>) of
/// those replicates at (1 - confidence) / 2 and 1 - (1 - confidence) / 2. The estimate is the statistic of the
/// values as given.</para>
/// <para>Indices come from one <see cref="SplitMix64"/> stream started at <c>unchecked((ulong)(long)seed)</c>,
/// resample after resample, each index by <see cref="SplitMix64.NextIndex"/>(n). The draws therefore depend only
/// on (seed, n, resamples) and never on the values: results computed by shards, merged back into the same item
/// order and then bootstrapped equal those of a single run over all items, bit for bit. Changing the item order
/// changes which item each draw picks, and so the last digits of the bounds.</para>
/// <para>Edge cases: no values gives <see cref="Interval.Undefined"/>; when every value is identical (including a
/// single value) every resample equals the sample, so the interval is degenerate at the statistic's value. A
/// statistic that returns NaN on any resample makes both bounds NaN.</para>
/// </remarks>
public static class BootstrapInterval
{
    public const double DefaultConfidence = 0.95;
    public const int DefaultResamples = 10_000;
    public const int DefaultSeed = 20261125;

    /// <summary>Percentile bootstrap interval of the arithmetic mean.</summary>
    /// <remarks>
    /// The same draws and the same left-to-right sums as <see cref="Compute"/> with the mean as its statistic, so
    /// the same bits; only without filling a resample array and calling a delegate per resample (several times faster).
    /// </remarks>
    public static Interval Mean(IReadOnlyList<double> values, double confidence = DefaultConfidence, int resamples = DefaultResamples, int seed = DefaultSeed)
    {
        if (Degenerate(values, ArithmeticMean, confidence, resamples, out double[] sample, out double estimate) is { } unresampled)
        {
            return unresampled;
        }

        var generator = new SplitMix64(unchecked((ulong)(long)seed));
        double[] replicates = new double[resamples];
        generator.SumsOfDraws(sample, replicates);
        for (int b = 0; b < resamples; b++)
        {
            // Never NaN: a sum of finite values can overflow to an infinity, but then stays there.
            replicates[b] /= sample.Length;
        }

        // Two order statistics by selection rather than a sort of all 10,000: the same values, as replicates are never
        // NaN (only a negative sum so small that dividing by n underflows to -0 could tie with a +0 and differ in sign).
        double tail = (1 - confidence) / 2;
        return new Interval(estimate, Quantile.OfUnsorted(replicates, tail), Quantile.OfUnsorted(replicates, 1 - tail));
    }

    /// <summary>Percentile bootstrap interval of any statistic of the values.</summary>
    public static Interval Compute(
        IReadOnlyList<double> values,
        Func<ReadOnlySpan<double>, double> statistic,
        double confidence = DefaultConfidence,
        int resamples = DefaultResamples,
        int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(statistic);
        if (Degenerate(values, statistic, confidence, resamples, out double[] sample, out double estimate) is { } unresampled)
        {
            return unresampled;
        }

        var generator = new SplitMix64(unchecked((ulong)(long)seed));
        double[] resample = new double[sample.Length];
        double[] replicates = new double[resamples];
        for (int b = 0; b < resamples; b++)
        {
            for (int i = 0; i < resample.Length; i++)
            {
                resample[i] = sample[generator.NextIndex(sample.Length)];
            }

            double replicate = statistic(resample);
            if (double.IsNaN(replicate))
            {
                return new Interval(estimate, double.NaN, double.NaN);
            }

            replicates[b] = replicate;
        }

        return PercentileInterval(estimate, replicates, confidence);
    }

    /// <summary>
    /// The checks and estimate every interval starts with; returns the interval itself when there is nothing to
    /// resample (no values: undefined; all values alike: the estimate three times), else null.
    /// </summary>
    private static Interval? Degenerate(
        IReadOnlyList<double> values, Func<ReadOnlySpan<double>, double> statistic, double confidence, int resamples, out double[] sample, out double estimate)
    {
        StatisticsArguments.RequireConfidence(confidence);
        RequireResamples(resamples);
        sample = StatisticsArguments.RequireFinite(values, nameof(values));
        if (sample.Length == 0)
        {
            estimate = double.NaN;
            return Interval.Undefined;
        }

        estimate = statistic(sample);
        return AllIdentical(sample) ? new Interval(estimate, estimate, estimate) : null;
    }

    private static void RequireResamples(int resamples)
    {
        if (resamples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(resamples), resamples, $"resamples must be at least 1 (the default is {DefaultResamples}); got {resamples}.");
        }
    }

    /// <summary>The interval from the replicates (sorted in place).</summary>
    private static Interval PercentileInterval(double estimate, double[] replicates, double confidence)
    {
        Array.Sort(replicates);
        double tail = (1 - confidence) / 2;
        return new Interval(estimate, Quantile.OfSorted(replicates, tail), Quantile.OfSorted(replicates, 1 - tail));
    }

    private static double ArithmeticMean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    // Bitwise, not ==: the shortcut is only sound when every resample is the very same sequence of doubles.
    private static bool AllIdentical(double[] values)
    {
        long first = BitConverter.DoubleToInt64Bits(values[0]);
        foreach (double v in values)
        {
            if (BitConverter.DoubleToInt64Bits(v) != first)
            {
                return false;
            }
        }

        return true;
    }
}
