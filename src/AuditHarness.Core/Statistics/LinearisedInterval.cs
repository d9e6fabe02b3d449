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
        if (top.Length == 0)
        {
            return Interval.Undefined;
        }

        return RatioWithSides(top, bottom, PlainRatio(top, bottom), confidence).Interval;
    }

    /// <summary>The change candidate − baseline over the same clusters (one order), with its linearised paired interval.</summary>
    public static Interval PairedDifference(
        IReadOnlyList<double> baselineNumerators,
        IReadOnlyList<double> baselineDenominators,
        IReadOnlyList<double> candidateNumerators,
        IReadOnlyList<double> candidateDenominators,
        double confidence = BootstrapInterval.DefaultConfidence)
    {
        StatisticsArguments.RequireConfidence(confidence);
        (double[] bn, double[] bd) = StatisticsArguments.RequireClusters(baselineNumerators, baselineDenominators, nameof(baselineDenominators), zeroAllowed: true);
        (double[] cn, double[] cd) = StatisticsArguments.RequireClusters(candidateNumerators, candidateDenominators, nameof(candidateDenominators), zeroAllowed: true);
        if (bn.Length != cn.Length)
        {
            throw new ArgumentException($"paired runs must give one value per cluster in both; got {bn.Length} baseline and {cn.Length} candidate clusters.", nameof(candidateNumerators));
        }

        double estimate = PlainRatio(cn, cd) - PlainRatio(bn, bd);
        return double.IsNaN(estimate) ? Interval.Undefined : FromResiduals(estimate, PairedResiduals(bn, bd, cn, cd), confidence);
    }

    /// <summary>The change candidate − baseline between two independent samples of clusters, with its linearised interval.</summary>
    public static Interval IndependentDifference(
        IReadOnlyList<double> baselineNumerators,
        IReadOnlyList<double> baselineDenominators,
        IReadOnlyList<double> candidateNumerators,
        IReadOnlyList<double> candidateDenominators,
        double confidence = BootstrapInterval.DefaultConfidence)
    {
        StatisticsArguments.RequireConfidence(confidence);
        (double[] bn, double[] bd) = StatisticsArguments.RequireClusters(baselineNumerators, baselineDenominators, nameof(baselineDenominators), zeroAllowed: true);
        (double[] cn, double[] cd) = StatisticsArguments.RequireClusters(candidateNumerators, candidateDenominators, nameof(candidateDenominators), zeroAllowed: true);
        double before = PlainRatio(bn, bd), after = PlainRatio(cn, cd);
        double estimate = after - before;
        return double.IsNaN(estimate)
            ? Interval.Undefined
            : FromVariance(estimate, Variance(Residuals(bn, bd, before)) + Variance(Residuals(cn, cd, after)), confidence);
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

    /// <summary>Per cluster (N_i − R·D_i) / sum(D): the ratio's linearisation, whose sum of squares is its variance up to k/(k−1).</summary>
    internal static double[] Residuals(double[] numerators, double[] denominators, double estimate)
    {
        var total = default(CompensatedSum);
        foreach (double d in denominators)
        {
            total.Add(d);
        }

        double sum = total.Value;
        double[] residuals = new double[numerators.Length];
        for (int i = 0; i < residuals.Length; i++)
        {
            residuals[i] = (numerators[i] - (estimate * denominators[i])) / sum;
        }

        return residuals;
    }

    /// <summary>
    /// What <see cref="Sides"/> and the variance of <see cref="FromResiduals"/> give for <see cref="Residuals"/>, in one
    /// pass without the array of residuals (the same operations in the same order, so the same bits): a profile or check
    /// over half a million subjects then leaves no megabytes of residuals behind.
    /// </summary>
    internal static (int Above, int Below, Interval Interval) RatioWithSides(double[] numerators, double[] denominators, double estimate, double confidence)
    {
        var total = default(CompensatedSum);
        foreach (double d in denominators)
        {
            total.Add(d);
        }

        double sum = total.Value;
        int above = 0, below = 0;
        var squares = default(CompensatedSum);
        for (int i = 0; i < numerators.Length; i++)
        {
            double e = (numerators[i] - (estimate * denominators[i])) / sum;
            above += e > 0 ? 1 : 0;
            below += e < 0 ? 1 : 0;
            squares.Add(e * e);
        }

        int k = numerators.Length;
        double variance = k < 2 ? 0 : squares.Value * k / (k - 1);
        return (above, below, FromVariance(estimate, variance, confidence));
    }

    /// <summary>Per cluster, the candidate's residual minus the baseline's (both runs' ratios defined).</summary>
    internal static double[] PairedResiduals(double[] bn, double[] bd, double[] cn, double[] cd)
    {
        double[] candidate = Residuals(cn, cd, PlainRatio(cn, cd));
        double[] baseline = Residuals(bn, bd, PlainRatio(bn, bd));
        for (int i = 0; i < candidate.Length; i++)
        {
            candidate[i] -= baseline[i];
        }

        return candidate;
    }

    /// <summary>How many clusters lie above the estimate (residual above zero) and below it.</summary>
    internal static (int Above, int Below) Sides(double[] residuals)
    {
        int above = 0, below = 0;
        foreach (double e in residuals)
        {
            above += e > 0 ? 1 : 0;
            below += e < 0 ? 1 : 0;
        }

        return (above, below);
    }

    internal static Interval FromResiduals(double estimate, double[] residuals, double confidence) =>
        FromVariance(estimate, Variance(residuals), confidence);

    /// <summary>k/(k−1) · sum(e_i²); 0 for a single cluster (nothing to vary, as the bootstrap's degenerate interval).</summary>
    private static double Variance(double[] residuals)
    {
        int k = residuals.Length;
        if (k < 2)
        {
            return 0;
        }

        var squares = default(CompensatedSum);
        foreach (double e in residuals)
        {
            squares.Add(e * e);
        }

        return squares.Value * k / (k - 1);
    }

    private static Interval FromVariance(double estimate, double variance, double confidence)
    {
        double half = StatisticsArguments.TwoSidedZ(confidence) * Math.Sqrt(variance);
        return new Interval(estimate, estimate - half, estimate + half);
    }
}
