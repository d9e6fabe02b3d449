namespace AuditHarness.Core.Statistics;

/// <summary>
/// Wilson score interval for a binomial proportion (Wilson, JASA 22:209-212, 1927; method 3 in Newcombe,
/// Statistics in Medicine 17:857-872, 1998). Chosen over the Wald interval because audit rates such as class
/// flips are often 0 or near it, where Wald collapses to zero width.
/// </summary>
public static class WilsonInterval
{
    /// <summary>
    /// Estimate successes / trials with bounds
    /// <c>(p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)</c>, z the two-sided normal critical value.
    /// No trials gives <see cref="Interval.Undefined"/>.
    /// </summary>
    public static Interval Compute(int successes, int trials, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        if (successes < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"successes must be between 0 and trials ({trials}); got {successes}.");
        }

        StatisticsArguments.RequireConfidence(confidence);
        if (trials == 0)
        {
            return Interval.Undefined;
        }

        double n = trials;
        double p = successes / n;
        double z = StatisticsArguments.TwoSidedZ(confidence);
        double z2 = z * z;
        double denominator = 1 + (z2 / n);
        double centre = (p + (z2 / (2 * n))) / denominator;
        double halfWidth = z / denominator * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));

        // At 0 or all successes the formula's bound is exactly 0 or 1; pin it rather than keep rounding residue.
        double low = successes == 0 ? 0 : Math.Max(0, centre - halfWidth);
        double high = successes == trials ? 1 : Math.Min(1, centre + halfWidth);
        return new Interval(p, low, high);
    }
}
