namespace AuditHarness.Engine.Tracing;

/// <summary>
/// What tracing measured on one measurement pair of one model, as the trace journal keeps it: the artifact's effect
/// (the sum over the original's detections of score(original) - score(artifact removed)) and, per traced layer, the same
/// sum for each patch of the layer's plan (score(original) - score(original, patched)).
/// </summary>
/// <param name="Model">Index of the model in the spec.</param>
/// <param name="Pair">Index of the pair in the dataset's pair list.</param>
/// <param name="Cluster">The pair's resampling cluster (<see cref="Results.ResamplingClusters.Key"/>).</param>
/// <param name="Detections">The original's detections (with a score to read) the sums run over.</param>
/// <param name="Effect">The artifact's effect; NaN without detections.</param>
/// <param name="Layers">Per traced layer, in the spec's order; null when the pair is left out (no effect to share).</param>
public sealed record TracePairRecord(int Model, int Pair, string PairId, string ArtifactType, string Cluster, int Detections, double Effect, IReadOnlyList<TraceLayerDrops>? Layers)
{
    /// <summary>
    /// The smallest effect, per original detection, a pair needs to enter a recovered share: below it (and for a negative
    /// effect, where removing the artifact raised the score) the share's denominator is noise, so the pair is left out
    /// and counted. 0.01 is one point of score.
    /// </summary>
    public const double MinimumEffectPerDetection = 0.01;

    /// <summary>Whether the pair enters the shares: it has detections and an effect of at least the minimum per detection.</summary>
    public static bool HasEffect(int detections, double effect) => detections > 0 && effect / detections >= MinimumEffectPerDetection;
}
