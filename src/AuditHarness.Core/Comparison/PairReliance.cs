namespace AuditHarness.Core.Comparison;

/// <summary>
/// Reliance of one pair on the artifact: for each metric, the artifact variant's effect minus the placebo variant's
/// effect. Positive means removing the artifact did more than removing an equally shaped neutral patch. NaN where
/// the metric is undefined for either variant (for example no original detections).
/// </summary>
/// <param name="ScoreDrop">Drop in mean score (−mean score delta), artifact minus placebo.</param>
/// <param name="ScoreDropOffArtifact">The same over detections not on the artifact.</param>
/// <param name="FlipRate">Class-flip rate, artifact minus placebo.</param>
/// <param name="LostRate">Lost-detection rate, artifact minus placebo.</param>
/// <param name="Layers">Per tapped layer, in the order of the artifact variant's layers.</param>
public sealed record PairReliance(
    double ScoreDrop,
    double ScoreDropOffArtifact,
    double FlipRate,
    double LostRate,
    IReadOnlyList<LayerReliance> Layers);
