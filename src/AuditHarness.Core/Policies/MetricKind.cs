namespace AuditHarness.Core.Policies;

/// <summary>
/// What a policy check measures, and the metric catalog: each member's <see cref="MetricAttribute"/> is its entry,
/// which <see cref="MetricCatalog"/> hands to validation, outputs and the report. Every kind is a reliance: the
/// artifact-removed variant's effect minus the placebo variant's effect on the same pair, aggregated over the pairs
/// of the check's artifact types. Spelled in kebab-case in policy files and outputs (<c>score-shift</c>).
/// A new metric is a member here with its entry, its per-pair effects in the engine's <c>PairMetrics</c>, and a test;
/// the schemas' metric enums must then list its name too, which a test checks against the catalog.
/// </summary>
public enum MetricKind
{
    /// <summary>Class-conditional score drop of the original's detections off the artifact, artifact minus placebo, pooled over those detections.</summary>
    [Metric(
        unit: "detection score (0 to 1) per original detection",
        relianceDirection: ThresholdDirection.Max,
        needsLayer: false,
        boundedByOne: true,
        aggregation: MetricAggregation.PooledOverDetections,
        glossary: "score shift: how much the score of each original detection's own class, read at the place (anchor) that produced it, drops when the artifact is removed (original minus variant), for the detections off the artifact; a detection that changes class or is lost still has its class's score read there, so a class flip counts as the drop it is. Averaged over all those detections of the pairs, minus the placebo's drop.")]
    ScoreShift,

    /// <summary>Share of the original's detections whose class flips when the artifact is removed, minus the placebo's share.</summary>
    [Metric(
        unit: "share of the original's detections",
        relianceDirection: ThresholdDirection.Max,
        needsLayer: false,
        boundedByOne: true,
        aggregation: MetricAggregation.PooledOverDetections,
        glossary: "flip rate: the share of all the original's detections (pooled over the pairs) whose class changes when the artifact is removed, minus the placebo's share.")]
    FlipRate,

    /// <summary>Share of the original's detections lost when the artifact is removed, minus the placebo's share.</summary>
    [Metric(
        unit: "share of the original's detections",
        relianceDirection: ThresholdDirection.Max,
        needsLayer: false,
        boundedByOne: true,
        aggregation: MetricAggregation.PooledOverDetections,
        glossary: "lost rate: the share of all the original's detections (pooled over the pairs) that disappear when the artifact is removed, minus the placebo's share.")]
    LostRate,

    /// <summary>New detections per original detection when the artifact is removed, minus the placebo's.</summary>
    /// <remarks>Pooled like the rates, though no proportion: new detections can outnumber the original ones.</remarks>
    [Metric(
        unit: "new detections per original detection",
        relianceDirection: ThresholdDirection.Max,
        needsLayer: false,
        boundedByOne: true,
        aggregation: MetricAggregation.PooledOverDetections,
        glossary: "new rate: new detections per original detection (both pooled over the pairs) when the artifact is removed, minus the placebo's.")]
    NewRate,

    /// <summary>At one layer: relative activation change ||D|| / ||A|| for the artifact variant minus the placebo's.</summary>
    [Metric(
        unit: "relative activation change ||D|| / ||A||",
        relianceDirection: ThresholdDirection.Max,
        needsLayer: true,
        boundedByOne: false,
        aggregation: MetricAggregation.PairMean,
        glossary: "layer relative change: at one tapped layer, how much the activations change relative to their size, mean over pairs, minus the placebo's.")]
    LayerRelativeChange,

    /// <summary>At one layer: share of the squared activation change on the artifact region minus the region's area share.</summary>
    [Metric(
        unit: "share of the squared activation change beyond the region's share of the area",
        relianceDirection: ThresholdDirection.Max,
        needsLayer: true,
        boundedByOne: true,
        aggregation: MetricAggregation.PairMean,
        glossary: "layer inside share: at one tapped layer, the share of the activation change that falls on the artifact region beyond the region's share of the area, mean over pairs, minus the placebo's.")]
    LayerInsideShare,

    /// <summary>Share of the original's detections whose box is covered at least half by the artifact (the placebo's is 0).</summary>
    [Metric(
        unit: "share of the original's detections",
        relianceDirection: ThresholdDirection.Max,
        needsLayer: false,
        boundedByOne: true,
        aggregation: MetricAggregation.PooledOverDetections,
        glossary: "on-artifact rate: the share of all the original's detections (pooled over the pairs) whose box is at least half covered by the artifact.")]
    OnArtifactRate,
}
