using AuditHarness.Core.Detections;

namespace AuditHarness.Core.Comparison;

/// <summary>
/// What became of one original detection in a variant image.
/// </summary>
/// <param name="OriginalIndex">Index of the detection in the original image's list.</param>
/// <param name="Original">The original detection.</param>
/// <param name="Matched">The variant detection it was matched to, or null when it was lost.</param>
/// <param name="ScoreDelta">
/// The MATCHED variant detection's score minus the original score, whatever the matched detection's class; an
/// unmatched detection counts as variant score 0, so its delta is minus the original score. Files write its drop
/// (minus this, <c>matched_score_drop</c>); reliance reads <see cref="ClassScoreDrop"/> instead, which a class flip cannot hide.
/// </param>
/// <param name="Flipped">Matched, but to a detection of another class.</param>
/// <param name="Lost">Not matched to any variant detection.</param>
/// <param name="OnArtifact">The original box is covered by the artifact at least to the matcher's threshold.</param>
public sealed record DetectionChange(
    int OriginalIndex,
    Detection Original,
    Detection? Matched,
    float ScoreDelta,
    bool Flipped,
    bool Lost,
    bool OnArtifact)
{
    /// <summary>
    /// The drop of the ORIGINAL class's score at the original detection's anchor: original score minus the variant's
    /// score of that class at that anchor (positive = the score fell without what was removed), read whether or not the
    /// detection was matched or lost. Where the model's per-anchor class scores are not known it is the matched drop
    /// (minus <see cref="ScoreDelta"/>); NaN when a known score source had no score for the detection.
    /// </summary>
    public float ClassScoreDrop { get; init; } = 0f - ScoreDelta; // 0 - x, not -x: a -0 would print as "-0"

    /// <summary>The matched drop: original score minus the matched variant detection's score (0 when lost).</summary>
    public float MatchedScoreDrop => 0f - ScoreDelta;
}
