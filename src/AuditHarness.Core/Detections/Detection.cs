namespace AuditHarness.Core.Detections;

/// <summary>One detected object: class, confidence and box (coordinates as stated by the producer).</summary>
public sealed record Detection(int ClassId, string ClassName, float Score, BoundingBox Box)
{
    /// <summary>
    /// The model's anchor that produced the detection (index into its per-anchor class scores), or -1 when the model
    /// cannot tell (an end-to-end head whose graph did not show the mapping, or a detection not made by a model).
    /// </summary>
    public int Anchor { get; init; } = -1;
}
