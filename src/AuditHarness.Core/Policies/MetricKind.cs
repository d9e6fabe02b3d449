namespace AuditHarness.Core.Policies;

/// <summary>
/// What a policy check measures. Every kind is a reliance: the artifact-removed variant's effect minus the
/// placebo variant's effect on the same pair, aggregated over the pairs of the check's artifact types.
/// Spelled in kebab-case in policy files (<c>score-shift</c>).
/// </summary>
public enum MetricKind
{
    /// <summary>Mean over pairs of (artifact effect − placebo effect) on the scores of the original's detections.</summary>
    ScoreShift,

    /// <summary>Share of the original's detections whose class flips when the artifact is removed, minus the placebo's share.</summary>
    FlipRate,

    /// <summary>Share of the original's detections lost when the artifact is removed, minus the placebo's share.</summary>
    LostRate,

    /// <summary>New detections per original detection when the artifact is removed, minus the placebo's.</summary>
    NewRate,

    /// <summary>At one layer: relative activation change ||D|| / ||A|| for the artifact variant minus the placebo's.</summary>
    LayerRelativeChange,

    /// <summary>At one layer: share of the squared activation change on the artifact region minus the region's area share.</summary>
    LayerInsideShare,

    /// <summary>Share of the original's detections whose box is covered at least half by the artifact.</summary>
    OnArtifactRate,
}
