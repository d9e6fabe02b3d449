namespace AuditHarness.Core.Statistics;

/// <summary>
/// Linearised (first-order Taylor, "delta-method") confidence intervals of ratio estimators over clusters, with the
/// cluster-robust ("sandwich") variance that survey statistics uses for a ratio of sums (Cochran, "Sampling
/// Techniques", 3rd ed. 1977, sec. 6.4; Wolter, "Introduction to Variance Estimation", 2nd ed. 2007, ch. 6).
/// </summary>
/// <remarks>
/// <para>Ratio R = sum(N_i) / sum(D_i) over clusters i = 1..k: residuals e_i = (N_i − R·D_i) / sum(D), variance
/// k/(k−1) · sum(e_i²), interval R ∓ z·sqrt(variance) with z the standard normal quantile at (1 + confidence) / 2.
/// Difference of two ratios, candidate − baseline: paired (the same clusters in one order), e_i is the candidate's
/// residual minus the baseline's, so what a cluster shares between the runs cancels; independent, the two variances
/// add. A cluster may have denominator 0 in the differences (no value in that run).</para>
/// <para>Cost: one pass over the clusters, against resamples × clusters draws for the bootstrap. The interval is
/// symmetric and relies on the ratio being near normal: right with many clusters spread on both sides of the estimate,
/// wrong for few clusters or a rare event (see <see cref="ClusterInterval"/>, which decides when to use it).</para>
/// <para>The estimate is the left-to-right sum of the numerators over that of the denominators, the very bits
/// <see cref="ClusterBootstrap.Ratio"/> gives, so an estimate does not change with the method. The variance's sums are
/// compensated (<see cref="CompensatedSum"/>); in a fixed cluster order (shards merged back into it) the bits repeat.</para>
/// <para>No clusters (or, in a difference, no denominator in a run) gives <see cref="Interval.Undefined"/>; a single
/// cluster gives a degenerate interval at the estimate, as the bootstrap does.</para>
/// </remarks>
public static class LinearisedInterval
{
    /// <summary>The ratio estimate with its linearised interval.</summary>
    /// <param name="numerators">Per cluster, the sum of its items' numerators (finite).</param>
    /// <param name="denominators">Per cluster, the sum of its items' denominators (finite, above zero).</param>
    public static Interval Ratio(IReadOnlyList<double> numerators, IReadOnlyList<double> denominators, double confidence = BootstrapInterval.DefaultConfidence)
    {
        StatisticsArguments.RequireConfidence(confidence);
        (double[] top, double[] bottom) = StatisticsArguments.RequireClusters(numerators, denominators, nameof(denominators), zeroAllowed: false);
        return top.Length == 0 ? Interval.Undefined : OfRatio(top, bottom, confidence).Interval;
    }

    /// <summary>The change candidate − baseline over the same clusters (one order), with its linearised paired interval.</summary>
    public static Interval PairedDifference(
        IReadOnlyList<double> baselineNumerators,
        IReadOnlyList<double> baselineDenominators,
        IReadOnlyList<double> candidateNumerators,
        IReadOnlyList<double> candidateDenominators,
        double confidence = BootstrapInterval.DefaultConfidence) =>
        OfPairedDifference(RequireDifference(baselineNumerators, baselineDenominators, candidateNumerators, candidateDenominators, confidence, paired: true), confidence).Interval;

    /// <summary>The change candidate − baseline between two independent samples of clusters, with its linearised interval.</summary>
    public static Interval IndependentDifference(
        IReadOnlyList<double> baselineNumerators,
        IReadOnlyList<double> baselineDenominators,
        IReadOnlyList<double> candidateNumerators,
        IReadOnlyList<double> candidateDenominators,
        double confidence = BootstrapInterval.DefaultConfidence) =>
        OfIndependentDifference(RequireDifference(baselineNumerators, baselineDenominators, candidateNumerators, candidateDenominators, confidence, paired: false), confidence).Interval;

    /// <summary>The checks of a difference's arguments (a cluster may have denominator 0 in one run), shared with <see cref="ClusterInterval"/>.</summary>
    internal static TwoRuns RequireDifference(
        IReadOnlyList<double> baselineNumerators,
        IReadOnlyList<double> baselineDenominators,
        IReadOnlyList<double> candidateNumerators,
        IReadOnlyList<double> candidateDenominators,
        double confidence,
        bool paired)
    {
        StatisticsArguments.RequireConfidence(confidence);
        (double[] bn, double[] bd) = StatisticsArguments.RequireClusters(baselineNumerators, baselineDenominators, nameof(baselineDenominators), zeroAllowed: true);
        (double[] cn, double[] cd) = StatisticsArguments.RequireClusters(candidateNumerators, candidateDenominators, nameof(candidateDenominators), zeroAllowed: true);
        if (paired && bn.Length != cn.Length)
        {
            throw new ArgumentException($"paired runs must give one value per cluster in both; got {bn.Length} baseline and {cn.Length} candidate clusters.", nameof(candidateNumerators));
        }

        return new TwoRuns(bn, bd, cn, cd);
    }

    /// <summary>The ratio's interval (clusters checked, at least one) with the fewest clusters on one side of its estimate.</summary>
    internal static Linearised OfRatio(double[] numerators, double[] denominators, double confidence)
    {
        double estimate = PlainRatio(numerators, denominators);
        ResidualSpread spread = SpreadOf(numerators, denominators, estimate);
        return new Linearised(FromVariance(estimate, spread.Variance, confidence), spread.FewestOnASide);
    }

    /// <summary>The paired difference's interval; <see cref="Interval.Undefined"/> (and no cluster on a side) when a run has no denominator.</summary>
    internal static Linearised OfPairedDifference(TwoRuns runs, double confidence)
    {
        double before = PlainRatio(runs.BaselineNumerators, runs.BaselineDenominators);
        double after = PlainRatio(runs.CandidateNumerators, runs.CandidateDenominators);
        double estimate = after - before;
        if (double.IsNaN(estimate))
        {
            return new Linearised(Interval.Undefined, 0);
        }

        // Per cluster, the candidate's residual minus the baseline's: what a subject shares between the runs cancels.
        double baselineTotal = Total(runs.BaselineDenominators), candidateTotal = Total(runs.CandidateDenominators);
        var spread = default(ResidualSpread);
        for (int i = 0; i < runs.CandidateNumerators.Length; i++)
        {
            double candidate = (runs.CandidateNumerators[i] - (after * runs.CandidateDenominators[i])) / candidateTotal;
            double baseline = (runs.BaselineNumerators[i] - (before * runs.BaselineDenominators[i])) / baselineTotal;
            spread.Add(candidate - baseline);
        }

        return new Linearised(FromVariance(estimate, spread.Variance, confidence), spread.FewestOnASide);
    }

    /// <summary>The independent difference's interval (the two variances add); the fewest on a side is over both runs.</summary>
    internal static Linearised OfIndependentDifference(TwoRuns runs, double confidence)
    {
        double before = PlainRatio(runs.BaselineNumerators, runs.BaselineDenominators);
        double after = PlainRatio(runs.CandidateNumerators, runs.CandidateDenominators);
        double estimate = after - before;
        if (double.IsNaN(estimate))
        {
            return new Linearised(Interval.Undefined, 0);
        }

        ResidualSpread baseline = SpreadOf(runs.BaselineNumerators, runs.BaselineDenominators, before);
        ResidualSpread candidate = SpreadOf(runs.CandidateNumerators, runs.CandidateDenominators, after);
        return new Linearised(
            FromVariance(estimate, baseline.Variance + candidate.Variance, confidence),
            Math.Min(baseline.FewestOnASide, candidate.FewestOnASide));
    }

    /// <summary>sum / sum left to right, as the bootstrap's estimate; NaN when the denominators add up to nothing.</summary>
    internal static double PlainRatio(double[] numerators, double[] denominators)
    {
        double n = 0, d = 0;
        for (int i = 0; i < numerators.Length; i++)
        {
            n += numerators[i];
            d += denominators[i];
        }

        return d > 0 ? n / d : double.NaN;
    }

    /// <summary>The spread of the ratio's linearisation, per cluster (N_i − R·D_i) / sum(D), taken one residual at a time (no array of them).</summary>
    private static ResidualSpread SpreadOf(double[] numerators, double[] denominators, double estimate)
    {
        double total = Total(denominators);
        var spread = default(ResidualSpread);
        for (int i = 0; i < numerators.Length; i++)
        {
            spread.Add((numerators[i] - (estimate * denominators[i])) / total);
        }

        return spread;
    }

    private static double Total(double[] values)
    {
        var total = default(CompensatedSum);
        foreach (double v in values)
        {
            total.Add(v);
        }

        return total.Value;
    }

    private static Interval FromVariance(double estimate, double variance, double confidence)
    {
        double half = StatisticsArguments.TwoSidedZ(confidence) * Math.Sqrt(variance);
        return new Interval(estimate, estimate - half, estimate + half);
    }

    /// <summary>Two runs' per-cluster numerators and denominators, checked.</summary>
    internal readonly record struct TwoRuns(double[] BaselineNumerators, double[] BaselineDenominators, double[] CandidateNumerators, double[] CandidateDenominators);

    /// <summary>A linearised interval with the fewest clusters on either side of its estimate, which <see cref="ClusterInterval"/> guards on.</summary>
    internal readonly record struct Linearised(Interval Interval, int FewestOnASide);

    /// <summary>Residuals, one at a time: how many lie above zero and below it, and the variance k/(k−1) · sum(e_i²) (0 for a single one, as the bootstrap's degenerate interval).</summary>
    private struct ResidualSpread
    {
        private CompensatedSum _squares;
        private int _above;
        private int _below;
        private int _count;

        public readonly int FewestOnASide => Math.Min(_above, _below);

        public readonly double Variance => _count < 2 ? 0 : _squares.Value * _count / (_count - 1);

        public void Add(double residual)
        {
            _above += residual > 0 ? 1 : 0;
            _below += residual < 0 ? 1 : 0;
            _squares.Add(residual * residual);
            _count++;
        }
    }
}
