using AuditHarness.Core.Detections;
using AuditHarness.Core.Geometry;

namespace AuditHarness.Inference.Models;

/// <summary>
/// Result of one image through a <see cref="YoloModel"/>: detections in original-image pixels, the letterbox
/// that maps them, and the tapped activations (empty when the model has no taps).
/// </summary>
public sealed record YoloPrediction(
    IReadOnlyList<Detection> Detections,
    LetterboxGeometry Letterbox,
    IReadOnlyList<TapActivation> Activations,
    StageTimings Timings)
{
    /// <summary>
    /// Every class's score at every anchor (the head's scores before it picked detections), for the class-conditional
    /// score drop; null when the model's head does not show them (see <see cref="YoloModel.ScoreSource"/>).
    /// </summary>
    public AnchorClassScores? ClassScores { get; init; }
}
