using AuditHarness.Core.Detections;
using AuditHarness.Core.Geometry;
using AuditHarness.Inference.Models;
using OpenCvSharp;

namespace AuditHarness.Engine.Gallery;

/// <summary>
/// What the gallery draws of one pair and model, kept while the pair runs: in the audit (<see cref="GalleryCandidates"/>),
/// so the report need not run the pair again, or in a replay (<c>PairReplay</c>): the three images (the first
/// placebo only), their detections, and the heatmap layer's activations of the original and the artifact-removed
/// variant (copied out of the prediction buffers), the outlines of the artifact mask and of the first placebo's
/// region, and the image file the pair starts from. Owns the images.
/// </summary>
public sealed class GalleryMaterial(
    string layer,
    Mat original,
    Mat removed,
    Mat? placebo,
    IReadOnlyList<Detection> originalDetections,
    IReadOnlyList<Detection> removedDetections,
    IReadOnlyList<Detection>? placeboDetections,
    TapActivation? originalLayer,
    TapActivation? removedLayer,
    LetterboxGeometry letterbox) : IDisposable
{
    /// <summary>The file the pair starts from (<c>AuditPair.Image</c>): the gallery shows at most two pairs of one base image.</summary>
    public string BaseImage { get; init; } = string.Empty;

    /// <summary>The artifact mask's outer contours, in source pixels.</summary>
    public IReadOnlyList<Point[]> ArtifactOutline { get; init; } = [];

    /// <summary>The first placebo's region (the shifted mask, or the mask where it is on a transplant host), in source pixels.</summary>
    public IReadOnlyList<Point[]> PlaceboOutline { get; init; } = [];

    /// <summary>The heatmap's layer (<see cref="GalleryBuilder.HeatmapLayer"/>); empty when nothing spatial was tapped.</summary>
    public string Layer { get; } = layer;

    public Mat Original { get; } = original;

    public Mat Removed { get; } = removed;

    public Mat? Placebo { get; } = placebo;

    public IReadOnlyList<Detection> OriginalDetections { get; } = originalDetections;

    public IReadOnlyList<Detection> RemovedDetections { get; } = removedDetections;

    public IReadOnlyList<Detection>? PlaceboDetections { get; } = placeboDetections;

    public TapActivation? OriginalLayer { get; } = originalLayer;

    public TapActivation? RemovedLayer { get; } = removedLayer;

    public LetterboxGeometry Letterbox { get; } = letterbox;

    public void Dispose()
    {
        Original.Dispose();
        Removed.Dispose();
        Placebo?.Dispose();
    }
}
