namespace AuditHarness.Results;

/// <summary>
/// One of the most affected pairs, rendered for the report: JPEG thumbnails of the original, the artifact-removed
/// and the placebo variant with their detections drawn (the artifact mask and the placebo location outlined), and
/// the activation-difference heatmap (original against artifact removed) of <paramref name="Layer"/> laid over the
/// original, coloured on the layer's one scale across every model of the run, with its colour bar.
/// </summary>
/// <param name="ArtifactScoreShift">The pair's score drop when the artifact is removed, which ranked it.</param>
/// <param name="PlaceboScoreShift">The placebo's score drop (NaN without a placebo).</param>
/// <param name="Layer">The heatmap's layer; null when no spatial layer was tapped (then there is no heatmap).</param>
/// <param name="PlaceboJpeg">Null when no placebo fits beside the artifact and no host was found.</param>
/// <param name="HeatmapJpeg">Null when <paramref name="Layer"/> is null.</param>
public sealed record GalleryPair(
    string PairId,
    string ArtifactType,
    double ArtifactScoreShift,
    double PlaceboScoreShift,
    string? Layer,
    byte[] OriginalJpeg,
    byte[] ArtifactRemovedJpeg,
    byte[]? PlaceboJpeg,
    byte[]? HeatmapJpeg)
{
    /// <summary>The file name of the image the pair starts from; the gallery shows at most two pairs of one base image.</summary>
    public string BaseImage { get; init; } = string.Empty;

    /// <summary>The pair whose image the transplanted placebo comes from; null for a placebo shifted within this image.</summary>
    public string? PlaceboHost { get; init; }

    /// <summary>This pair's largest per-cell activation difference at <see cref="Layer"/> (NaN without a heatmap).</summary>
    public double HeatmapPeak { get; init; } = double.NaN;

    /// <summary>
    /// The value coloured deepest red: the largest <see cref="HeatmapPeak"/> of <see cref="Layer"/> over every gallery
    /// pair of every model of the run, so equal colours mean equal change across models (NaN without a heatmap).
    /// </summary>
    public double HeatmapScale { get; init; } = double.NaN;
}
