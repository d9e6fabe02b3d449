using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Statistics;
using AuditHarness.Results;
using AuditHarness.Engine.Pairs;

namespace AuditHarness.Engine.Summary;

/// <summary>
/// Builds the <see cref="ArtifactTypeProfile"/>s behind the report's charts from a model's pair outcomes: per artifact
/// type (ordinal order), the per-pair score shifts with their box-plot numbers, and per tapped layer the mean relative change and inside-share excess with bootstrap intervals.
/// </summary>
public static class ProfileBuilder
{
    /// <summary>A <see cref="LayerProfile"/>'s four means, in the order of its constructor.</summary>
    private static readonly (MetricKind Metric, bool Artifact)[] LayerMeans =
    [
        (MetricKind.LayerRelativeChange, true),
        (MetricKind.LayerRelativeChange, false),
        (MetricKind.LayerInsideShare, true),
        (MetricKind.LayerInsideShare, false),
    ];

    public static IReadOnlyList<ArtifactTypeProfile> Build(IReadOnlyList<PairOutcome> outcomes, BootstrapSettings bootstrap)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(bootstrap);
        PairOutcome[][] byType = [.. outcomes.Select(o => o.ArtifactType).Distinct().Order(StringComparer.Ordinal)
            .Select(type => outcomes.Where(o => o.ArtifactType == type).ToArray())];
        IReadOnlyList<string>[] taps = [.. byType.Select(ofType => TapOrder.ByDepth(ofType.SelectMany(o => o.ArtifactLayers.Select(l => l.Tap))))];

        // The layer means are most of the work (four bootstraps per type and tap) and independent of each other, each
        // with its own generator from the seed: computed in parallel and collected by position, so the bits are the
        // same as one after another.
        var samples = new List<double[]>();
        for (int t = 0; t < byType.Length; t++)
        {
            foreach (string tap in taps[t])
            {
                foreach ((MetricKind metric, bool artifact) in LayerMeans)
                {
                    samples.Add(Effects(byType[t], metric, tap, artifact));
                }
            }
        }

        var means = new Interval[samples.Count];
        Parallel.For(0, samples.Count, i => means[i] = BootstrapInterval.Mean(samples[i], bootstrap.Confidence, bootstrap.Resamples, bootstrap.Seed));
        var profiles = new ArtifactTypeProfile[byType.Length];
        for (int t = 0, next = 0; t < byType.Length; t++)
        {
            LayerProfile[] layers = new LayerProfile[taps[t].Count];
            for (int l = 0; l < layers.Length; l++, next += LayerMeans.Length)
            {
                layers[l] = new LayerProfile(taps[t][l], means[next], means[next + 1], means[next + 2], means[next + 3]);
            }

            profiles[t] = BuildOne(byType[t][0].ArtifactType, byType[t], layers);
        }

        return profiles;
    }

    private static ArtifactTypeProfile BuildOne(string type, PairOutcome[] outcomes, LayerProfile[] layers)
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

        return new ArtifactTypeProfile(
            type,
            outcomes.Length,
            artifactShift,
            placeboShift,
            BoxSummary.Describe(artifactShift),
            BoxSummary.Describe(placeboShift),
            layers);
    }

    /// <summary>The finite artifact (or placebo) effects of one layer metric, in pair order.</summary>
    private static double[] Effects(PairOutcome[] outcomes, MetricKind metric, string tap, bool artifact) =>
        [.. outcomes
            .Select(o => PairMetrics.Effects(o, metric, tap))
            .Select(e => artifact ? e.Artifact : e.Placebo)
            .Where(double.IsFinite)];
}
