using AuditHarness.Core.Policies;
using AuditHarness.Core.Statistics;

namespace AuditHarness.Results;

/// <summary>
/// One check on one artifact type compared with the baseline run: <see cref="BaselineEstimate"/> and
/// <see cref="CandidateEstimate"/> are the two runs' pooled estimates of the check (as in their summary.csv),
/// <see cref="Change"/> = candidate − baseline with its cluster-bootstrap interval (paired: the same subjects drawn for
/// both runs; unpaired: each run's resampled on their own). Judged like a policy check whose threshold is the check's regression tolerance on the worse
/// side: for a maximum, FAIL when the whole interval is above +tolerance, WARN when only the change is, PASS otherwise
/// (mirrored for a minimum). <see cref="PValue"/> is the one-sided Wilcoxon test of a worsening over the subjects' own
/// ratio changes (NaN unpaired). <see cref="Pairs"/> and <see cref="BaselinePairs"/> count each run's pairs with a value.
/// </summary>
public sealed record RegressionResult(
    string Model,
    string BaselineModel,
    string ArtifactType,
    PolicyCheck Check,
    int Pairs,
    int BaselinePairs,
    double BaselineEstimate,
    double CandidateEstimate,
    double Change,
    double Low,
    double High,
    double PValue,
    Verdict Verdict,
    string? Note)
{
    /// <summary>The limit the change is judged against, signed on the check's worse side (+tolerance for a maximum, −tolerance for a minimum).</summary>
    public double Limit => Check.Direction == ThresholdDirection.Max ? Check.RegressionTolerance : -Check.RegressionTolerance;

    /// <summary>What the bootstrap resampled, as a check's <see cref="CheckResult.ResampledUnit"/>.</summary>
    public string ResampledUnit { get; init; } = CheckResult.NoUnit;

    /// <summary>How the change's interval was computed (<see cref="ClusterInterval"/>).</summary>
    public IntervalMethod IntervalMethod { get; init; } = IntervalMethod.Bootstrap;

    /// <summary>Clusters resampled: paired, the subjects of either run (drawn once for both); unpaired, both runs' added.</summary>
    public int Clusters { get; init; }
}
