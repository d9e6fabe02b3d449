namespace AuditHarness.Core.Statistics;

/// <summary>
/// Percentile bootstrap interval of mean(x) − mean(y) for two independent samples (Efron &amp; Tibshirani 1993,
/// ch. 8.3): each resample draws x and y with replacement, each from itself, and the bounds are the type-7
/// quantiles of the replicate differences. Draws come from one <see cref="SplitMix64"/> stream from the seed:
/// per resample first x's n indices, then y's m.
/// </summary>
public static class DifferenceOfMeansInterval
{
    public static Interval Compute(IReadOnlyList<double> x, IReadOnlyList<double> y, double confidence = BootstrapInterval.DefaultConfidence, int resamples = BootstrapInterval.DefaultResamples, int seed = BootstrapInterval.DefaultSeed)
    {
        StatisticsArguments.RequireConfidence(confidence);
        if (resamples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(resamples), resamples, $"resamples must be at least 1; got {resamples}.");
        }

        double[] first = StatisticsArguments.RequireFinite(x, nameof(x));
        double[] second = StatisticsArguments.RequireFinite(y, nameof(y));
        if (first.Length == 0 || second.Length == 0)
        {
            return Interval.Undefined;
        }

        double estimate = first.Average() - second.Average();
        var generator = new SplitMix64(unchecked((ulong)(long)seed));
        double[] replicates = new double[resamples];
        for (int b = 0; b < resamples; b++)
        {
            replicates[b] = ResampledMean(first, generator) - ResampledMean(second, generator);
        }

        Array.Sort(replicates);
        double tail = (1 - confidence) / 2;
        return new Interval(estimate, Quantile.OfSorted(replicates, tail), Quantile.OfSorted(replicates, 1 - tail));
    }

    private static double ResampledMean(double[] sample, SplitMix64 generator)
    {
        double sum = 0;
        for (int i = 0; i < sample.Length; i++)
        {
            sum += sample[generator.NextIndex(sample.Length)];
        }

        return sum / sample.Length;
    }
}
