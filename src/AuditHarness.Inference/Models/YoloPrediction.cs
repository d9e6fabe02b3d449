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
    StageTimings Timings);
