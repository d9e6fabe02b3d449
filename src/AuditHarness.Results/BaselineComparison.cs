using AuditHarness.Core.Policies;

namespace AuditHarness.Results;

/// <summary>
/// The regression checks of a run against a baseline run: which run, whether pairs were matched one to one
/// (<see cref="Paired"/>) or the two samples compared as independent, the confidence level of the changes' intervals,
/// and one result per model pairing, check and artifact type. Its verdict is the worst result's and counts in the
/// audit's verdict.
/// </summary>
public sealed record BaselineComparison(
    string BaselineFolder,
    string BaselineAuditName,
    string CandidateFolder,
    bool Paired,
    double Confidence,
    IReadOnlyList<RegressionResult> Results)
{
    public Verdict Verdict => PolicyEvaluator.Overall(Results.Select(r => r.Verdict));
}
