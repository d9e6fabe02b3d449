using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Statistics;

namespace AuditHarness.Engine;

/// <summary>
/// Builds the <see cref="ArtifactTypeProfile"/>s behind the report's charts from a model's pair outcomes: per artifact
/// type (ordinal order), the per-pair score shifts with their box-plot numbers, pooled flip and lost rates with Wilson
/// intervals, and per tapped layer the mean relative change and inside-share excess with bootstrap intervals.
/// </summary>
public static class ProfileBuilder
{
    public static IReadOnlyList<ArtifactTypeProfile> Build(IReadOnlyList<PairOutcome> outcomes, BootstrapSettings bootstrap)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(bootstrap);
        return [.. outcomes.Select(o => o.ArtifactType).Distinct().Order(StringComparer.Ordinal)
            .Select(type => BuildOne(type, [.. outcomes.Where(o => o.ArtifactType == type)], bootstrap))];
    }

    /// <summary>
    /// Taps shallow to deep: <c>model.N</c> by N, then any raw tensor names in the order the model reported them.
    /// </summary>
    public static IReadOnlyList<string> ByDepth(IEnumerable<string> taps)
    {
        ArgumentNullException.ThrowIfNull(taps);
        string[] all = [.. taps.Distinct(StringComparer.Ordinal)];
        return [.. all.Select((tap, index) => (tap, index, depth: ModuleIndex(tap)))
            .OrderBy(t => t.depth ?? int.MaxValue)
            .ThenBy(t => t.index)
            .Select(t => t.tap)];
    }

    /// <summary>N for a tap named <c>model.N</c>, else null.</summary>
    public static int? ModuleIndex(string tap)
    {
        ArgumentNullException.ThrowIfNull(tap);
        const string prefix = "model.";
        return tap.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(tap.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n)
            ? n
            : null;
    }

    private static ArtifactTypeProfile BuildOne(string type, PairOutcome[] outcomes, BootstrapSettings bootstrap)
    {
        var artifactShift = new List<double>();
        var placeboShift = new List<double>();
        foreach (PairOutcome outcome in outcomes)
        {
            (double a, double p) = PairMetrics.Effects(outcome, MetricKind.ScoreShift, null);
            if (double.IsFinite(a))
            {
                artifactShift.Add(a);
            }

            if (double.IsFinite(p))
            {
                placeboShift.Add(p);
            }
        }

        IReadOnlyList<string> taps = ByDepth(outcomes.SelectMany(o => o.ArtifactLayers.Select(l => l.Tap)));
        LayerProfile[] layers = [.. taps.Select(tap => new LayerProfile(
            tap,
            Mean(outcomes, MetricKind.LayerRelativeChange, tap, artifact: true, bootstrap),
            Mean(outcomes, MetricKind.LayerRelativeChange, tap, artifact: false, bootstrap),
            Mean(outcomes, MetricKind.LayerInsideShare, tap, artifact: true, bootstrap),
            Mean(outcomes, MetricKind.LayerInsideShare, tap, artifact: false, bootstrap)))];

        PredictionDelta[] artifactDeltas = [.. outcomes.Select(o => o.Artifact)];
        PredictionDelta[] placeboDeltas = [.. outcomes.SelectMany(o => o.Placebos)];
        return new ArtifactTypeProfile(
            type,
            outcomes.Length,
            artifactShift,
            placeboShift,
            BoxSummary.Describe(artifactShift),
            BoxSummary.Describe(placeboShift),
            Pooled(artifactDeltas, d => d.Flips, bootstrap),
            Pooled(placeboDeltas, d => d.Flips, bootstrap),
            Pooled(artifactDeltas, d => d.Lost, bootstrap),
            Pooled(placeboDeltas, d => d.Lost, bootstrap),
            layers);
    }

    private static Interval Mean(PairOutcome[] outcomes, MetricKind metric, string tap, bool artifact, BootstrapSettings bootstrap)
    {
        double[] values = [.. outcomes
            .Select(o => PairMetrics.Effects(o, metric, tap))
            .Select(e => artifact ? e.Artifact : e.Placebo)
            .Where(double.IsFinite)];
        return BootstrapInterval.Mean(values, bootstrap.Confidence, bootstrap.Resamples, bootstrap.Seed);
    }

    private static Interval Pooled(PredictionDelta[] deltas, Func<PredictionDelta, int> events, BootstrapSettings bootstrap) =>
        WilsonInterval.Compute(deltas.Sum(events), deltas.Sum(d => d.OriginalCount), bootstrap.Confidence);
}
