using AuditHarness.Core.Detections;

namespace AuditHarness.Inference.Decoding;

/// <summary>A decoded detection before naming and mapping back: box in letterboxed input pixels.</summary>
public readonly record struct RawDetection(int ClassId, float Score, BoundingBox Box);
