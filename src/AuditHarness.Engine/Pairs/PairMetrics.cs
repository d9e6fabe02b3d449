using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// The artifact effect and the placebo effect of one pair for one metric, signed so that a larger value means
/// more change (a score drop is positive). Reliance is their difference. NaN when the pair has no value for
/// the metric (no detection on the original, or the layer was not tapped). Every metric of the
/// <see cref="MetricCatalog"/> has its arm in <see cref="Effects(PairOutcome, MetricKind, string?)"/> and in
/// <see cref="Pooled"/>, which says what the check's ratio estimate sums.
/// </summary>
public static class PairMetrics
{
    public static (double Artifact, double Placebo) Effects(PairOutcome outcome, PolicyCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return Effects(outcome, check.Metric, check.Layer);
    }

    /// <summary>The effects of one metric; <paramref name="layer"/> names the tap for the layer metrics.</summary>
    public static (double Artifact, double Placebo) Effects(PairOutcome outcome, MetricKind metric, string? layer)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return metric switch
        {
            MetricKind.ScoreShift => Prediction(outcome, d => d.MeanScoreDropOffArtifact),
            MetricKind.FlipRate => Prediction(outcome, d => d.FlipRate),
            MetricKind.LostRate => Prediction(outcome, d => d.LostRate),
            MetricKind.NewRate => Prediction(outcome, d => d.OriginalCount == 0 ? double.NaN : (double)d.New / d.OriginalCount),
            MetricKind.OnArtifactRate => (
                outcome.Artifact.OriginalCount == 0 ? double.NaN : (double)outcome.Artifact.OnArtifact / outcome.Artifact.OriginalCount,
                0.0),
            MetricKind.LayerRelativeChange => Layer(outcome, layer ?? throw new ArgumentNullException(nameof(layer)), c => c.RelativeChange),
            MetricKind.LayerInsideShare => Layer(outcome, layer ?? throw new ArgumentNullException(nameof(layer)), c => c.InsideShareExcess),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
        };
    }

    /// <summary>
    /// One pair's share of a check's estimate, the ratio sum(Artifact - Placebo) / sum(Weight) over the pairs. For the
    /// metrics pooled over detections (<see cref="MetricAggregation.PooledOverDetections"/>): the artifact variant's
    /// events (flips, lost, new, on-artifact; for score-shift the summed score drop), the placebo's likewise averaged over
    /// the pair's placebos, and the original detections they are counted over (for score-shift those off the artifact
    /// with a class-conditional drop, which its per-pair value averages over). For the layer metrics: the per-pair effects with weight 1, a mean over
    /// pairs. Weight 0 (and NaN effects) when the pair has no value, so it adds nothing.
    /// </summary>
    public static (double Artifact, double Placebo, double Weight) Pooled(PairOutcome outcome, MetricKind metric, string? layer)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        PredictionDelta d = outcome.Artifact;
        return metric switch
        {
            // Events are counted, not recovered from rates, so the totals are exact integers.
            MetricKind.FlipRate => Counts(outcome, p => p.Flips),
            MetricKind.LostRate => Counts(outcome, p => p.Lost),
            MetricKind.NewRate => Counts(outcome, p => p.New),
            MetricKind.OnArtifactRate => d.OriginalCount == 0 ? (double.NaN, double.NaN, 0) : (d.OnArtifact, 0.0, d.OriginalCount),
            MetricKind.ScoreShift => Weighted(Effects(outcome, metric, layer), d.ScoreDropCountOffArtifact),
            MetricKind.LayerRelativeChange or MetricKind.LayerInsideShare => PooledOverPairs(Effects(outcome, metric, layer)),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
        };
    }

    /// <summary>Whether <see cref="Pooled"/> of the metric is <see cref="PooledOverPairs"/> of its effects (a mean over pairs).</summary>
    public static bool PoolsOverPairs(MetricKind metric) => metric is MetricKind.LayerRelativeChange or MetricKind.LayerInsideShare;

    /// <summary><see cref="Pooled"/> of a metric that <see cref="PoolsOverPairs"/>, from the pair's effects: each pair counts once.</summary>
    public static (double Artifact, double Placebo, double Weight) PooledOverPairs((double Artifact, double Placebo) effects) => Weighted(effects, 1);

    private static (double, double, double) Counts(PairOutcome outcome, Func<PredictionDelta, int> events)
    {
        int trials = outcome.Artifact.OriginalCount;
        return trials == 0 ? (double.NaN, double.NaN, 0) : (events(outcome.Artifact), MeanOf(outcome.Placebos.Select(p => PlaceboEvents(p, events, trials))), trials);
    }

    /// <summary>
    /// A placebo's events on the pair's scale. A shifted placebo compares the same original detections, so its events
    /// count as they are; a transplanted one compares its host's detections, so its rate is carried over to the pair's
    /// detections (a host without detections gives no value).
    /// </summary>
    private static double PlaceboEvents(PredictionDelta placebo, Func<PredictionDelta, int> events, int trials) =>
        placebo.OriginalCount == trials ? events(placebo)
        : placebo.OriginalCount == 0 ? double.NaN
        : (double)events(placebo) / placebo.OriginalCount * trials;

    private static (double, double, double) Weighted((double Artifact, double Placebo) effects, int weight) =>
        weight == 0 || double.IsNaN(effects.Artifact) ? (double.NaN, double.NaN, 0) : (effects.Artifact * weight, effects.Placebo * weight, weight);

    private static (double, double) Prediction(PairOutcome outcome, Func<PredictionDelta, double> effect) =>
        (effect(outcome.Artifact), MeanOf(outcome.Placebos.Select(effect)));

    private static (double, double) Layer(PairOutcome outcome, string tap, Func<LayerChange, double> effect)
    {
        LayerChange? artifact = outcome.ArtifactLayers.FirstOrDefault(l => l.Tap == tap);
        if (artifact is null)
        {
            return (double.NaN, double.NaN);
        }

        return (effect(artifact), MeanOf(outcome.PlaceboLayers.Select(layers => layers.FirstOrDefault(l => l.Tap == tap)).Select(l => l is null ? double.NaN : effect(l))));
    }

    private static double MeanOf(IEnumerable<double> values)
    {
        double[] all = [.. values];
        return all.Length == 0 ? double.NaN : all.Average();
    }
}
