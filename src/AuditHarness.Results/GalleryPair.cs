namespace AuditHarness.Results;

/// <summary>
/// One of the most affected pairs, rendered for the report: PNG thumbnails of the original, the artifact-removed
/// and the placebo variant with their detections drawn, and the activation-difference heatmap (original against
/// artifact removed) of <paramref name="Layer"/> laid over the original.
/// </summary>
/// <param name="ArtifactScoreShift">The pair's score drop when the artifact is removed, which ranked it.</param>
/// <param name="PlaceboScoreShift">The placebo's score drop (NaN without a placebo).</param>
/// <param name="PlaceboPng">Null when no placebo fits beside the artifact.</param>
public sealed record GalleryPair(
    string PairId,
    string ArtifactType,
    double ArtifactScoreShift,
    double PlaceboScoreShift,
    string Layer,
    byte[] OriginalPng,
    byte[] ArtifactRemovedPng,
    byte[]? PlaceboPng,
    byte[] HeatmapPng);
