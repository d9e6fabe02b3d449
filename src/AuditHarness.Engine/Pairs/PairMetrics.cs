using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// The artifact effect and the placebo effect of one pair for one metric, signed so that a larger value means
/// more change (a score drop is positive). Reliance is their difference. NaN when the pair has no value for
/// the metric (no detection on the original, or the layer was not tapped). Every metric of the
/// <see cref="MetricCatalog"/> has its arm in <see cref="Effects(PairOutcome, MetricKind, string?)"/>, and in
/// <see cref="ArtifactCounts"/> when the catalog pools it as a rate.
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
    /// For the metrics the catalog pools as a rate (<see cref="MetricAggregation.PairMeanAndPooledRate"/>), the artifact
    /// variant's events and the original detections they are counted over, for a pooled rate with a Wilson interval.
    /// </summary>
    public static (int Events, int Trials) ArtifactCounts(PairOutcome outcome, PolicyCheck check)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(check);
        PredictionDelta d = outcome.Artifact;
        return check.Metric switch
        {
            MetricKind.FlipRate => (d.Flips, d.OriginalCount),
            MetricKind.LostRate => (d.Lost, d.OriginalCount),
            MetricKind.OnArtifactRate => (d.OnArtifact, d.OriginalCount),
            _ => throw new ArgumentOutOfRangeException(nameof(check), check.Metric, "not a metric pooled as a rate"),
        };
    }

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
