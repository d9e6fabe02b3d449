using AuditHarness.Core.Detections;

namespace AuditHarness.Core.Comparison;

/// <summary>The matching of one variant's detections against the original's.</summary>
/// <param name="Changes">One entry per original detection, in original order.</param>
/// <param name="NewDetections">Variant detections matched to no original detection, in variant order.</param>
/// <param name="NewVariantIndices">Indices of <paramref name="NewDetections"/> in the variant's list.</param>
public sealed record DetectionMatching(
    IReadOnlyList<DetectionChange> Changes,
    IReadOnlyList<Detection> NewDetections,
    IReadOnlyList<int> NewVariantIndices);
