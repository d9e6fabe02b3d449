using AuditHarness.Core.Policies;
using AuditHarness.Core.Statistics;

namespace AuditHarness.Results;

/// <summary>
/// One policy check judged on the pairs of one artifact type: the reliance estimate (artifact effect minus placebo
/// effect; pooled over the original detections for the detection metrics, a mean over pairs for the layer metrics, as
/// the metric's <see cref="MetricAggregation"/> says) with its cluster-bootstrap interval, the two effects beside it
/// (aggregated the same way, so estimate = artifact − placebo), the one-sided Wilcoxon p-value over the clusters'
/// reliances, and the verdict. <see cref="Pairs"/> counts pairs with a value; their per-pair values are not held here
/// (a run of a million pairs would keep tens of millions of them) but written to <c>pair-metrics.csv</c> as each
/// model's checks are judged.
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
    string? Note)
{
    /// <summary>The resampling unit named when no pair was resampled (no pair had a value).</summary>
    public const string NoUnit = "";

    /// <summary>Clusters were the manifest's subjects (every pair had a <c>subject_id</c>).</summary>
    public const string SubjectUnit = "subject";

    /// <summary>Clusters were the pairs (no pair had a <c>subject_id</c>, or an insertion dataset).</summary>
    public const string PairUnit = "pair";

    /// <summary>Subjects where the pair had a <c>subject_id</c>, and each pair without one its own cluster.</summary>
    public const string MixedUnit = "subject-or-pair";

    /// <summary>
    /// <see cref="PValue"/> adjusted by Holm's method over the family of every judged check of this model that has a
    /// p-value; NaN when <see cref="PValue"/> is.
    /// </summary>
    public double HolmPValue { get; init; } = double.NaN;

    /// <summary>What the bootstrap resampled and the p-value ranked: <see cref="SubjectUnit"/>, <see cref="PairUnit"/> or <see cref="MixedUnit"/>.</summary>
    public string ResampledUnit { get; init; } = NoUnit;

    /// <summary>How many clusters (subjects or pairs) the pairs with a value fell into.</summary>
    public int Clusters { get; init; }

    /// <summary>How the interval was computed: the cluster bootstrap, or linearised from enough clusters (<see cref="ClusterInterval"/>).</summary>
    public IntervalMethod IntervalMethod { get; init; } = IntervalMethod.Bootstrap;

    /// <summary>Which placebo controls the pairs behind the estimate had (spec <c>placebo.mode</c>).</summary>
    public PlaceboControlCounts Controls { get; init; } = PlaceboControlCounts.Empty;
}
