using AuditHarness.Core.Statistics;

namespace AuditHarness.Results;

/// <summary>
/// One tapped layer's reaction to the artifact and to the placebo on the pairs of one artifact type: the mean
/// relative change and the mean inside-share excess of each variant, with cluster intervals (bootstrap, or linearised
/// from enough subjects; each interval's method beside it).
/// </summary>
public sealed record LayerProfile(
    string Tap,
    Interval RelativeChangeArtifact,
    Interval RelativeChangePlacebo,
    Interval InsideShareExcessArtifact,
    Interval InsideShareExcessPlacebo)
{
    public IntervalMethod RelativeChangeArtifactMethod { get; init; } = IntervalMethod.Bootstrap;

    public IntervalMethod RelativeChangePlaceboMethod { get; init; } = IntervalMethod.Bootstrap;

    public IntervalMethod InsideShareExcessArtifactMethod { get; init; } = IntervalMethod.Bootstrap;

    public IntervalMethod InsideShareExcessPlaceboMethod { get; init; } = IntervalMethod.Bootstrap;
}
