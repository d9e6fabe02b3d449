using AuditHarness.Core.Comparison;
using AuditHarness.Core.Detections;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// One image of a pair as the model saw it: <c>original</c>, <c>artifact_removed</c> or <c>placebo</c> (numbered
/// from 1 when there are several), its detections, and for the two variants how they match the original's.
/// </summary>
public sealed record VariantRecord(
    string Variant,
    IReadOnlyList<Detection> Detections,
    DetectionMatching? Matching,
    PredictionDelta? Delta,
    IReadOnlyList<LayerChange> Layers,
    int? PlaceboDx,
    int? PlaceboDy);
