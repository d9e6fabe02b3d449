using AuditHarness.Core.Detections;

namespace AuditHarness.Core.Comparison;

/// <summary>
/// What became of one original detection in a variant image.
/// </summary>
/// <param name="OriginalIndex">Index of the detection in the original image's list.</param>
/// <param name="Original">The original detection.</param>
/// <param name="Matched">The variant detection it was matched to, or null when it was lost.</param>
/// <param name="ScoreDelta">
/// Variant score minus original score; an unmatched detection counts as variant score 0, so its delta is
/// minus the original score. Removing an artifact the model relies on therefore gives a NEGATIVE delta;
/// reliance metrics use the drop (minus this) so that a positive number means reliance.
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
    bool OnArtifact);
