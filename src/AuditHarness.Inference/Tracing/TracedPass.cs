using AuditHarness.Core.Detections;
using AuditHarness.Core.Geometry;
using AuditHarness.Inference.Models;

namespace AuditHarness.Inference.Tracing;

/// <summary>
/// One full pass of an image through a <see cref="CutTracer"/>: the detections, the raw detection output and the value
/// of every tensor crossing any of the tracer's cuts, copied out so the pass can feed (or patch) suffix runs later.
/// </summary>
/// <param name="Detections">Detections in the image's own pixels, as <see cref="YoloModel.Predict(OpenCvSharp.Mat, DecodeSettings?)"/> gives them.</param>
/// <param name="Letterbox">The letterbox of the image, to decode suffix outputs in the same coordinates.</param>
/// <param name="Output">The raw detection output (<c>output0</c>), float32.</param>
/// <param name="Tensors">Crossing tensors by tensor name, float32 whatever the graph's precision.</param>
public sealed record TracedPass(
    IReadOnlyList<Detection> Detections,
    LetterboxGeometry Letterbox,
    SuffixOutput Output,
    IReadOnlyDictionary<string, TapActivation> Tensors)
{
    /// <summary>Every class's score at every anchor of the full pass; null when the tracer's score source is the matched score.</summary>
    public AnchorClassScores? ClassScores { get; init; }
}
