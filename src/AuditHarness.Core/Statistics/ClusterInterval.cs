namespace AuditHarness.Core.Statistics;

/// <summary>
/// The one place that decides how a cluster interval is computed: the percentile cluster bootstrap
/// (<see cref="ClusterBootstrap"/>, <see cref="RatioDifferenceBootstrap"/>) below <c>largeSampleClusters</c> clusters,
/// the linearised interval (<see cref="LinearisedInterval"/>) at or above it, provided at least
/// <see cref="MinimumClustersEachSide"/> clusters lie above the estimate and as many below it.
/// </summary>
/// <remarks>
/// <para>Why: the bootstrap costs resamples × clusters draws per interval (at 5 × 10^5 subjects and 10,000 resamples,
/// minutes per model), the linearised interval one pass. With tens of thousands of clusters the ratio's sampling
/// distribution is normal to well within the bootstrap's own Monte Carlo noise and the two agree; below that the
/// bootstrap is cheap and follows skewness the normal interval misses.</para>
/// <para>The guard: a rare event (a handful of clusters with any effect among many) leaves the ratio skewed however
/// many clusters there are; "above" and "below" are the signs of the clusters' residuals (N_i − R·D_i, a cluster's
/// ratio against the estimate; in a paired difference, of its residual difference). With fewer than
/// <see cref="MinimumClustersEachSide"/> on either side the bootstrap is kept: it is then honest, and cheap as long
/// as the clusters are not also numerous.</para>
/// <para>A difference of independent samples is linearised only when each sample passes on its own.</para>
/// </remarks>
public static class ClusterInterval
{
    /// <summary>Clusters from which an interval is linearised, when the spec leaves <c>bootstrap.largeSampleClusters</c> out (or 0).</summary>
    public const int DefaultLargeSampleClusters = 10_000;

    /// <summary>Clusters needed on each side of the estimate before the linearised interval is trusted.</summary>
    public const int MinimumClustersEachSide = 100;

    /// <summary>The threshold in effect: <paramref name="largeSampleClusters"/>, or the default for 0 (or less).</summary>
    public static int Threshold(int largeSampleClusters) => largeSampleClusters > 0 ? largeSampleClusters : DefaultLargeSampleClusters;

    /// <summary>The ratio estimate sum(N) / sum(D) over clusters with its interval, by the method the rule chooses.</summary>
    public static MethodInterval Ratio(
        IReadOnlyList<double> numerators,
        IReadOnlyList<double> denominators,
        double confidence,
        int resamples,
        int seed,
        int largeSampleClusters)
    {
        ArgumentNullException.ThrowIfNull(numerators);
        if (numerators.Count >= Threshold(largeSampleClusters))
        {
            StatisticsArguments.RequireConfidence(confidence);
            (double[] top, double[] bottom) = StatisticsArguments.RequireClusters(numerators, denominators, nameof(denominators), zeroAllowed: false);
            if (Trusted(LinearisedInterval.OfRatio(top, bottom, confidence)) is { } linearised)
            {
                return linearised;
            }
        }

        return new MethodInterval(ClusterBootstrap.Ratio(numerators, denominators, confidence, resamples, seed), IntervalMethod.Bootstrap);
    }

    /// <summary>The change candidate − baseline over the same clusters (one order) with its paired interval, by the method the rule chooses.</summary>
    public static MethodInterval PairedDifference(
        IReadOnlyList<double> baselineNumerators,
        IReadOnlyList<double> baselineDenominators,
        IReadOnlyList<double> candidateNumerators,
        IReadOnlyList<double> candidateDenominators,
        double confidence,
        int resamples,
        int seed,
        int largeSampleClusters)
    {
        ArgumentNullException.ThrowIfNull(baselineNumerators);
        ArgumentNullException.ThrowIfNull(candidateNumerators);
        if (baselineNumerators.Count >= Threshold(largeSampleClusters) && candidateNumerators.Count == baselineNumerators.Count)
        {
            LinearisedInterval.TwoRuns runs = LinearisedInterval.RequireDifference(baselineNumerators, baselineDenominators, candidateNumerators, candidateDenominators, confidence, paired: true);
            if (Trusted(LinearisedInterval.OfPairedDifference(runs, confidence)) is { } linearised)
            {
                return linearised;
            }
        }

        return new MethodInterval(
            RatioDifferenceBootstrap.Paired(baselineNumerators, baselineDenominators, candidateNumerators, candidateDenominators, confidence, resamples, seed),
            IntervalMethod.Bootstrap);
    }

    /// <summary>The change candidate − baseline between independent samples with its interval, by the method the rule chooses.</summary>
    public static MethodInterval IndependentDifference(
        IReadOnlyList<double> baselineNumerators,
        IReadOnlyList<double> baselineDenominators,
        IReadOnlyList<double> candidateNumerators,
        IReadOnlyList<double> candidateDenominators,
        double confidence,
        int resamples,
        int seed,
        int largeSampleClusters)
    {
        ArgumentNullException.ThrowIfNull(baselineNumerators);
        ArgumentNullException.ThrowIfNull(candidateNumerators);
        int threshold = Threshold(largeSampleClusters);
        if (baselineNumerators.Count >= threshold && candidateNumerators.Count >= threshold)
        {
            LinearisedInterval.TwoRuns runs = LinearisedInterval.RequireDifference(baselineNumerators, baselineDenominators, candidateNumerators, candidateDenominators, confidence, paired: false);
            if (Trusted(LinearisedInterval.OfIndependentDifference(runs, confidence)) is { } linearised)
            {
                return linearised;
            }
        }

        return new MethodInterval(
            RatioDifferenceBootstrap.Independent(baselineNumerators, baselineDenominators, candidateNumerators, candidateDenominators, confidence, resamples, seed),
            IntervalMethod.Bootstrap);
    }

    /// <summary>
    /// The linearised interval when enough clusters lie on each side of its estimate (in each sample of an independent
    /// difference); else null, for the bootstrap (also when a run has no denominator: then no cluster is on a side).
    /// </summary>
    private static MethodInterval? Trusted(LinearisedInterval.Linearised linearised) =>
        linearised.FewestOnASide >= MinimumClustersEachSide
            ? new MethodInterval(linearised.Interval, IntervalMethod.Linearised)
            : null;
}
