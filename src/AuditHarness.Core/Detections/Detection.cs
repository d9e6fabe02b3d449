namespace AuditHarness.Core.Detections;

/// <summary>One detected object: class, confidence and box (coordinates as stated by the producer).</summary>
public sealed record Detection(int ClassId, string ClassName, float Score, BoundingBox Box);
