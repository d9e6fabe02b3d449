namespace AuditHarness.Core.Statistics;

/// <summary>
/// Percentile cluster bootstrap of a ratio estimator (Davison &amp; Hinkley, "Bootstrap Methods and their Application",
/// 1997, sec. 3.8): items (pairs) belong to clusters (subjects); each cluster contributes the sum of its items'
/// numerators and denominators, the estimate is sum(numerators) / sum(denominators), and each resample draws whole
/// clusters with replacement and recomputes that ratio. A mean over items is the case of denominators all 1.
/// </summary>
/// <remarks>
/// <para>Resampling clusters, not items, keeps items of one cluster (pairs of one patient) together: their shared
/// variation counts once, so an interval is no narrower than the clusters warrant however many items each has.</para>
/// <para>Draws: one <see cref="SplitMix64"/> stream from <c>unchecked((ulong)(long)seed)</c>, resample after resample, each
/// cluster index by <see cref="SplitMix64.NextIndex"/>(clusters), sums left to right in draw order (computed by
/// <see cref="SplitMix64.SumsOfPairedDraws"/>, eight resamples side by side where the processor allows: the same bits). They depend only on
/// (seed, number of clusters, resamples), so shards merged back into the same cluster order give the same bits as one
/// run. With one item per cluster and denominators 1 the replicates are those of <see cref="BootstrapInterval.Mean"/>.</para>
/// <para>Bounds are the type-7 quantiles of the replicates at (1 - confidence) / 2 and its complement. No clusters gives
/// <see cref="Interval.Undefined"/>; when every cluster has the same ratio the interval is degenerate at the estimate.</para>
/// </remarks>
public static class ClusterBootstrap
{
    /// <summary>The ratio estimate over the clusters' sums with its percentile cluster-bootstrap interval.</summary>
    /// <param name="numerators">Per cluster, the sum of its items' numerators (finite).</param>
    /// <param name="denominators">Per cluster, the sum of its items' denominators (finite, above zero).</param>
    public static Interval Ratio(
        IReadOnlyList<double> numerators,
        IReadOnlyList<double> denominators,
        double confidence = BootstrapInterval.DefaultConfidence,
        int resamples = BootstrapInterval.DefaultResamples,
        int seed = BootstrapInterval.DefaultSeed)
    {
        StatisticsArguments.RequireConfidence(confidence);
        if (resamples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(resamples), resamples, $"resamples must be at least 1 (the default is {BootstrapInterval.DefaultResamples}); got {resamples}.");
        }

        double[] top = StatisticsArguments.RequireFinite(numerators, nameof(numerators));
        double[] bottom = StatisticsArguments.RequireFinite(denominators, nameof(denominators));
        if (top.Length != bottom.Length)
        {
            throw new ArgumentException($"numerators and denominators must be one per cluster; got {top.Length} and {bottom.Length}.", nameof(denominators));
        }

        if (Array.Exists(bottom, d => d <= 0))
        {
            throw new ArgumentException("every cluster's denominator must be above zero (a cluster with nothing to count over is left out before).", nameof(denominators));
        }

        int k = top.Length;
        if (k == 0)
        {
            return Interval.Undefined;
        }

        double estimate = Sum(top) / Sum(bottom);
        if (AllSameRatio(top, bottom))
        {
            return new Interval(estimate, estimate, estimate);
        }

        var generator = new SplitMix64(unchecked((ulong)(long)seed));
        double[] replicates = new double[resamples];
        double[] denominatorSums = new double[resamples];
        generator.SumsOfPairedDraws(top, bottom, replicates, denominatorSums);
        for (int b = 0; b < resamples; b++)
        {
            replicates[b] /= denominatorSums[b];
        }

        double tail = (1 - confidence) / 2;
        return new Interval(estimate, Quantile.OfUnsorted(replicates, tail), Quantile.OfUnsorted(replicates, 1 - tail));
    }

    private static double Sum(double[] values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum;
    }

    // Every resample then has that ratio (up to rounding), so the interval has no width to report.
    private static bool AllSameRatio(double[] top, double[] bottom)
    {
        double first = top[0] / bottom[0];
        for (int i = 1; i < top.Length; i++)
        {
            if (top[i] / bottom[i] != first)
            {
                return false;
            }
        }

        return true;
    }
}
