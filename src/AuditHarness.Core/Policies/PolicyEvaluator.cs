namespace AuditHarness.Core.Policies;

/// <summary>
/// Turns a check's estimate and confidence interval into a verdict. For a maximum the wrong side is strictly
/// above the threshold, for a minimum strictly below: a value exactly on the threshold is acceptable.
/// FAIL when the whole interval is on the wrong side; WARN when the estimate is on the wrong side but the
/// interval still reaches the threshold; PASS otherwise.
/// </summary>
public static class PolicyEvaluator
{
    public static Verdict Evaluate(PolicyCheck check, CheckEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(estimate);
        return Evaluate(check.Threshold, check.Direction, estimate);
    }

    public static Verdict Evaluate(double threshold, ThresholdDirection direction, CheckEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        (double value, double low, double high) = estimate;
        (bool estimateWrong, bool intervalWrong) = direction switch
        {
            ThresholdDirection.Max => (value > threshold, low > threshold),
            ThresholdDirection.Min => (value < threshold, high < threshold),
            _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
        };

        return intervalWrong ? Verdict.Fail : estimateWrong ? Verdict.Warn : Verdict.Pass;
    }

    /// <summary>The worst of the verdicts; <see cref="Verdict.Pass"/> when there are none.</summary>
    public static Verdict Overall(IEnumerable<Verdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        return verdicts.DefaultIfEmpty(Verdict.Pass).Max();
    }
}
