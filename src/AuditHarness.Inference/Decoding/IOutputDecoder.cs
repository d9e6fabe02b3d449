namespace AuditHarness.Inference.Decoding;

/// <summary>Turns one YOLO output tensor into detections, applying the confidence filter and, where the family needs it, NMS.</summary>
public interface IOutputDecoder
{
    OutputFamily Family { get; }

    /// <param name="output">The output tensor, row-major.</param>
    /// <param name="shape">Its shape; the batch dimension must be 1.</param>
    /// <param name="confidenceThreshold">Detections must score strictly above this, as in Ultralytics.</param>
    /// <param name="iouThreshold">A box is suppressed by a higher-scoring box of its class when their IoU is strictly above this.</param>
    /// <param name="maxDetections">At most this many detections are returned, highest score first.</param>
    /// <returns>Detections ordered by score, highest first; boxes in letterboxed input pixels.</returns>
    IReadOnlyList<RawDetection> Decode(
        ReadOnlySpan<float> output,
        IReadOnlyList<int> shape,
        float confidenceThreshold,
        float iouThreshold,
        int maxDetections = 300);
}
