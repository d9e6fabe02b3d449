using AuditHarness.Core.Detections;

namespace AuditHarness.Inference.Decoding;

/// <summary>A decoded detection before naming and mapping back: box in letterboxed input pixels.</summary>
/// <param name="SourceIndex">
/// Where the detection was read: its anchor (the column of a <c>[1,4+nc,A]</c> output, the row of a <c>[1,A,5+nc]</c>
/// one), or for an end-to-end output its row (the model maps the row to its anchor when it can); -1 when unknown.
/// The class-conditional score drop reads every class's score at this anchor in a variant image.
/// </param>
public readonly record struct RawDetection(int ClassId, float Score, BoundingBox Box, int SourceIndex = -1);
