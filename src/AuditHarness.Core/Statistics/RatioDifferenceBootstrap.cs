namespace AuditHarness.Core.Statistics;

/// <summary>
/// Percentile cluster bootstrap of the difference of two ratio estimators, candidate − baseline, each
/// sum(numerators) / sum(denominators) over its clusters as in <see cref="ClusterBootstrap.Ratio"/>: the change of a
/// pooled check estimate between two runs.
/// </summary>
/// <remarks>
/// <para><see cref="Paired"/>: both runs measured the same clusters (subjects), given in one order; each resample draws
/// clusters with replacement once and recomputes both ratios from the same draw, so what a subject shares between the
/// runs cancels. A cluster may have denominator 0 in one run (no value there): it then adds to the other run's ratio
/// only. <see cref="Independent"/>: two samples; each resample draws the baseline's clusters, then the candidate's.</para>
/// <para>Draws: one <see cref="SplitMix64"/> stream from <c>unchecked((ulong)(long)seed)</c>, cluster indices by
/// <see cref="SplitMix64.NextIndex"/>, sums left to right in draw order; so the result depends only on the seed, the
/// clusters and their order. A resample whose clusters give one run no denominator has no ratio and is left out of the
/// quantiles (possible only when a run has a value in few of the clusters); none left gives NaN bounds.</para>
/// <para>Bounds are the type-7 quantiles at (1 - confidence) / 2 and its complement. When one run has no denominator at
/// all the result is <see cref="Interval.Undefined"/>.</para>
/// </remarks>
public static class RatioDifferenceBootstrap
{
    /// <summary>The change with its paired interval; the four lists are per cluster, in one order.</summary>
    public static Interval Paired(
        IReadOnlyList<double> baselineNumerators,
        IReadOnlyList<double> baselineDenominators,
        IReadOnlyList<double> candidateNumerators,
        IReadOnlyList<double> candidateDenominators,
        double confidence = BootstrapInterval.DefaultConfidence,
        int resamples = BootstrapInterval.DefaultResamples,
        int seed = BootstrapInterval.DefaultSeed)
    {
        (double[] bn, double[] bd) = Clusters(baselineNumerators, baselineDenominators, nameof(baselineDenominators), confidence, resamples);
        (double[] cn, double[] cd) = Clusters(candidateNumerators, candidateDenominators, nameof(candidateDenominators), confidence, resamples);
        if (bn.Length != cn.Length)
        {
            throw new ArgumentException($"paired runs must give one value per cluster in both; got {bn.Length} baseline and {cn.Length} candidate clusters.", nameof(candidateNumerators));
        }

        double estimate = LinearisedInterval.PlainRatio(cn, cd) - LinearisedInterval.PlainRatio(bn, bd);
        if (double.IsNaN(estimate))
        {
            return Interval.Undefined;
        }

        int k = bn.Length;
        var generator = new SplitMix64(unchecked((ulong)(long)seed));
        var replicates = new List<double>(resamples);
        for (int b = 0; b < resamples; b++)
        {
            double bNum = 0, bDen = 0, cNum = 0, cDen = 0;
            for (int i = 0; i < k; i++)
            {
                int c = generator.NextIndex(k);
                bNum += bn[c];
                bDen += bd[c];
                cNum += cn[c];
                cDen += cd[c];
            }

            if (bDen > 0 && cDen > 0)
            {
                replicates.Add((cNum / cDen) - (bNum / bDen));
            }
        }

        return Percentile(estimate, replicates, confidence);
    }

    /// <summary>The change with its interval from resampling each run's clusters on its own.</summary>
    public static Interval Independent(
        IReadOnlyList<double> baselineNumerators,
        IReadOnlyList<double> baselineDenominators,
        IReadOnlyList<double> candidateNumerators,
        IReadOnlyList<double> candidateDenominators,
        double confidence = BootstrapInterval.DefaultConfidence,
        int resamples = BootstrapInterval.DefaultResamples,
        int seed = BootstrapInterval.DefaultSeed)
    {
        (double[] bn, double[] bd) = Clusters(baselineNumerators, baselineDenominators, nameof(baselineDenominators), confidence, resamples);
        (double[] cn, double[] cd) = Clusters(candidateNumerators, candidateDenominators, nameof(candidateDenominators), confidence, resamples);
        double estimate = LinearisedInterval.PlainRatio(cn, cd) - LinearisedInterval.PlainRatio(bn, bd);
        if (double.IsNaN(estimate))
        {
            return Interval.Undefined;
        }

        var generator = new SplitMix64(unchecked((ulong)(long)seed));
        var replicates = new List<double>(resamples);
        for (int b = 0; b < resamples; b++)
        {
            double before = Resampled(bn, bd, generator), after = Resampled(cn, cd, generator);
            if (!double.IsNaN(before) && !double.IsNaN(after))
            {
                replicates.Add(after - before);
            }
        }

        return Percentile(estimate, replicates, confidence);
    }

    private static (double[] Numerators, double[] Denominators) Clusters(
        IReadOnlyList<double> numerators, IReadOnlyList<double> denominators, string denominatorsName, double confidence, int resamples)
    {
        StatisticsArguments.RequireConfidence(confidence);
        if (resamples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(resamples), resamples, $"resamples must be at least 1 (the default is {BootstrapInterval.DefaultResamples}); got {resamples}.");
        }

        double[] top = StatisticsArguments.RequireFinite(numerators, nameof(numerators));
        double[] bottom = StatisticsArguments.RequireFinite(denominators, denominatorsName);
        if (top.Length != bottom.Length)
        {
            throw new ArgumentException($"numerators and denominators must be one per cluster; got {top.Length} and {bottom.Length}.", denominatorsName);
        }

        if (Array.Exists(bottom, d => d < 0))
        {
            throw new ArgumentException("every cluster's denominator must be zero or above.", denominatorsName);
        }

        return (top, bottom);
    }

    private static double Resampled(double[] numerators, double[] denominators, SplitMix64 generator)
    {
        double n = 0, d = 0;
        for (int i = 0; i < numerators.Length; i++)
        {
            int c = generator.NextIndex(numerators.Length);
            n += numerators[c];
            d += denominators[c];
        }

        return d > 0 ? n / d : double.NaN;
    }

    private static Interval Percentile(double estimate, List<double> replicates, double confidence)
    {
        if (replicates.Count == 0)
        {
            return new Interval(estimate, double.NaN, double.NaN);
        }

        double[] sorted = [.. replicates];
        Array.Sort(sorted);
        double tail = (1 - confidence) / 2;
        return new Interval(estimate, Quantile.OfSorted(sorted, tail), Quantile.OfSorted(sorted, 1 - tail));
    }
}
