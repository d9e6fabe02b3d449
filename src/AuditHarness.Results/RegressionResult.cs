using AuditHarness.Core.Policies;

namespace AuditHarness.Results;

/// <summary>
/// One check on one artifact type compared with the baseline run: <see cref="Change"/> is the mean reliance change
/// (candidate − baseline; paired: the mean of the per-pair differences, unpaired: the difference of the means) with
/// its bootstrap interval. Judged like a policy check whose threshold is the check's regression tolerance on the worse
/// side: for a maximum, FAIL when the whole interval is above +tolerance, WARN when only the change is, PASS otherwise
/// (mirrored for a minimum). <see cref="PValue"/> is the one-sided paired Wilcoxon test of a worsening (NaN unpaired).
/// </summary>
public sealed record RegressionResult(
    string Model,
    string BaselineModel,
    string ArtifactType,
    PolicyCheck Check,
    int Pairs,
    int BaselinePairs,
    double BaselineMean,
    double CandidateMean,
    double Change,
    double Low,
    double High,
    double PValue,
    Verdict Verdict,
    string? Note)
{
    /// <summary>The limit the change is judged against, signed on the check's worse side (+tolerance for a maximum, −tolerance for a minimum).</summary>
    public double Limit => Check.Direction == ThresholdDirection.Max ? Check.RegressionTolerance : -Check.RegressionTolerance;
}
