using AuditHarness.Core.Statistics;

namespace AuditHarness.Results;

/// <summary>
/// One tapped layer's reaction to the artifact and to the placebo on the pairs of one artifact type: the mean
/// relative change and the mean inside-share excess of each variant, with percentile bootstrap intervals.
/// </summary>
public sealed record LayerProfile(
    string Tap,
    Interval RelativeChangeArtifact,
    Interval RelativeChangePlacebo,
    Interval InsideShareExcessArtifact,
    Interval InsideShareExcessPlacebo);
