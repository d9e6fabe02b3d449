using AuditHarness.Core.Policies;
using AuditHarness.Core.Statistics;

namespace AuditHarness.Results;

/// <summary>
/// One policy check judged on the pairs of one artifact type: the reliance estimate (artifact effect minus
/// placebo effect, mean over pairs) with its bootstrap interval, the two effects beside it, the paired
/// Wilcoxon p-value of artifact against placebo, and the verdict. <see cref="Pairs"/> counts pairs with a value.
/// For rate metrics, <see cref="ArtifactRate"/> is the pooled rate over all original detections of the artifact
/// variant with its Wilson interval (undefined for the other metrics).
/// </summary>
public sealed record CheckResult(
    string Model,
    string ArtifactType,
    PolicyCheck Check,
    int Pairs,
    double Estimate,
    double Low,
    double High,
    double ArtifactEffect,
    double PlaceboEffect,
    double PValue,
    Verdict Verdict,
    Interval ArtifactRate,
    string? Note)
{
    /// <summary>The per-pair values behind the estimate, in pair order (only pairs with both effects); written to <c>pair-metrics.csv</c>.</summary>
    public IReadOnlyList<CheckPairValue> PairValues { get; init; } = [];

    /// <summary>Which placebo controls the pairs behind the estimate had (spec <c>placebo.mode</c>).</summary>
    public PlaceboControlCounts Controls { get; init; } = PlaceboControlCounts.Empty;
}
