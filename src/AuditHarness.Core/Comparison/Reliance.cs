namespace AuditHarness.Core.Comparison;

/// <summary>
/// Turns the artifact and placebo variants' changes of the same pair into reliance values: artifact effect minus
/// placebo effect, each effect oriented so that larger means "the model cared more". Score deltas are negative
/// when scores fall, so the score effect is the drop, −delta.
/// </summary>
public static class Reliance
{
    /// <summary>Artifact effect minus placebo effect; NaN when either is NaN.</summary>
    public static double Difference(double artifactEffect, double placeboEffect) => artifactEffect - placeboEffect;

    /// <summary>Reliance on the mean score: (−artifact mean delta) − (−placebo mean delta).</summary>
    public static double ScoreDrop(PredictionDelta artifact, PredictionDelta placebo)
    {
        CheckSameOriginal(artifact, placebo);
        return Difference(-artifact.MeanScoreDelta, -placebo.MeanScoreDelta);
    }

    /// <summary>Reliance on the mean score of off-artifact detections.</summary>
    public static double ScoreDropOffArtifact(PredictionDelta artifact, PredictionDelta placebo)
    {
        CheckSameOriginal(artifact, placebo);
        return Difference(-artifact.MeanScoreDeltaOffArtifact, -placebo.MeanScoreDeltaOffArtifact);
    }

    public static double FlipRate(PredictionDelta artifact, PredictionDelta placebo)
    {
        CheckSameOriginal(artifact, placebo);
        return Difference(artifact.FlipRate, placebo.FlipRate);
    }

    public static double LostRate(PredictionDelta artifact, PredictionDelta placebo)
    {
        CheckSameOriginal(artifact, placebo);
        return Difference(artifact.LostRate, placebo.LostRate);
    }

    /// <summary>
    /// Layer reliance. The placebo's inside share must have been computed on the placebo patch's own cell weights,
    /// so both excesses measure "change concentrated on the removed patch".
    /// </summary>
    public static LayerReliance Layer(LayerChange artifact, LayerChange placebo)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(placebo);
        if (!string.Equals(artifact.Tap, placebo.Tap, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Artifact layer '{artifact.Tap}' compared with placebo layer '{placebo.Tap}'.", nameof(placebo));
        }

        return new LayerReliance(
            artifact.Tap,
            Difference(artifact.RelativeChange, placebo.RelativeChange),
            Difference(artifact.InsideShareExcess, placebo.InsideShareExcess));
    }

    /// <summary>All reliance values of one pair. Layers are paired by tap name; both variants must have the same taps.</summary>
    public static PairReliance Of(
        PredictionDelta artifact,
        PredictionDelta placebo,
        IReadOnlyList<LayerChange> artifactLayers,
        IReadOnlyList<LayerChange> placeboLayers)
    {
        ArgumentNullException.ThrowIfNull(artifactLayers);
        ArgumentNullException.ThrowIfNull(placeboLayers);

        Dictionary<string, LayerChange> placeboByTap = new(StringComparer.Ordinal);
        foreach (LayerChange layer in placeboLayers)
        {
            if (!placeboByTap.TryAdd(layer.Tap, layer))
            {
                throw new ArgumentException($"Placebo layers list tap '{layer.Tap}' twice.", nameof(placeboLayers));
            }
        }

        if (artifactLayers.Count != placeboByTap.Count)
        {
            throw new ArgumentException(
                $"Artifact and placebo have different taps: [{string.Join(", ", artifactLayers.Select(l => l.Tap))}] vs [{string.Join(", ", placeboByTap.Keys)}].",
                nameof(placeboLayers));
        }

        var layers = new List<LayerReliance>(artifactLayers.Count);
        foreach (LayerChange layer in artifactLayers)
        {
            if (!placeboByTap.TryGetValue(layer.Tap, out LayerChange? placeboLayer))
            {
                throw new ArgumentException($"Placebo has no layer '{layer.Tap}'.", nameof(placeboLayers));
            }

            layers.Add(Layer(layer, placeboLayer));
        }

        return new PairReliance(
            ScoreDrop(artifact, placebo),
            ScoreDropOffArtifact(artifact, placebo),
            FlipRate(artifact, placebo),
            LostRate(artifact, placebo),
            layers);
    }

    // Both variants are compared with the same original image, so they must see the same original detections, marked
    // on-artifact by the same (artifact) mask; otherwise the off-artifact means would average different detections.
    private static void CheckSameOriginal(PredictionDelta artifact, PredictionDelta placebo)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(placebo);
        if (artifact.OriginalCount != placebo.OriginalCount)
        {
            throw new ArgumentException(
                $"Artifact and placebo deltas count {artifact.OriginalCount} and {placebo.OriginalCount} original detections; they must come from the same original.",
                nameof(placebo));
        }

        if (artifact.OnArtifact != placebo.OnArtifact)
        {
            throw new ArgumentException(
                $"Artifact and placebo deltas mark {artifact.OnArtifact} and {placebo.OnArtifact} detections on-artifact; match both with the artifact mask's coverage.",
                nameof(placebo));
        }
    }
}
