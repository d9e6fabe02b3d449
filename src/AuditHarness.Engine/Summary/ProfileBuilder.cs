using System.Buffers;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Statistics;
using AuditHarness.Results;
using AuditHarness.Engine.Pairs;

namespace AuditHarness.Engine.Summary;

/// <summary>
/// Builds the <see cref="ArtifactTypeProfile"/>s behind the report's charts from a model's pair outcomes: per artifact
/// type (ordinal order), the per-pair score shifts with their box-plot numbers, and per tapped layer the mean relative change and inside-share excess with subject-cluster intervals (<see cref="ClusterInterval"/>: bootstrap, or linearised from enough subjects).
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

    /// <summary>
    /// At most this many of a type's per-pair score shifts (artifact, and placebo) are kept in its profile for the
    /// report's points: evenly spaced order statistics (<see cref="OrderStatisticSample"/>), the smallest and largest
    /// included; the box-plot numbers are always over every pair. (200 − 1) × 10 + 1, so that the report's 200 points
    /// (<see cref="Reporting.Pdf.PointSample"/>), every tenth of these, are exactly the 200 order statistics of every pair.
    /// </summary>
    public const int PointSampleLimit = ((Reporting.Pdf.PointSample.MaxPoints - 1) * 10) + 1;

    public static IReadOnlyList<ArtifactTypeProfile> Build(IReadOnlyList<PairOutcome> outcomes, BootstrapSettings bootstrap)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return Build(PairColumns.Of(outcomes, []), bootstrap);
    }

    internal static IReadOnlyList<ArtifactTypeProfile> Build(PairColumns columns, BootstrapSettings bootstrap)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(bootstrap);
        int[] types = [.. Enumerable.Range(0, columns.Types.Count).OrderBy(t => columns.Types[t], StringComparer.Ordinal)];
        int[][] byType = [.. types.Select(columns.RowsOf)];
        IReadOnlyList<string>[] taps = [.. types.Select(t => TapOrder.ByDepth(columns.TapsOf(t)))];

        // The layer means are most of the work below largeSampleClusters subjects (four bootstraps per type and tap) and independent of each other, each
        // with its own generator from the seed: computed in parallel and collected by position, so the bits are the
        // same as one after another. Their samples are drawn inside the loop, so only the ones being resampled are held.
        var samples = new List<(int Type, string Tap, MetricKind Metric, bool Artifact)>();
        for (int t = 0; t < byType.Length; t++)
        {
            foreach (string tap in taps[t])
            {
                foreach ((MetricKind metric, bool artifact) in LayerMeans)
                {
                    samples.Add((t, tap, metric, artifact));
                }
            }
        }

        var means = new MethodInterval[samples.Count];
        Parallel.For(0, samples.Count, i =>
        {
            (int t, string tap, MetricKind metric, bool artifact) = samples[i];
            (double[] sums, double[] counts) = ClusterSums(columns, byType[t], metric, tap, artifact);
            means[i] = ClusterInterval.Ratio(sums, counts, bootstrap.Confidence, bootstrap.Resamples, bootstrap.Seed, bootstrap.LargeSampleClusters);
        });
        var profiles = new ArtifactTypeProfile[byType.Length];
        for (int t = 0, next = 0; t < byType.Length; t++)
        {
            LayerProfile[] layers = new LayerProfile[taps[t].Count];
            for (int l = 0; l < layers.Length; l++, next += LayerMeans.Length)
            {
                layers[l] = new LayerProfile(taps[t][l], means[next].Interval, means[next + 1].Interval, means[next + 2].Interval, means[next + 3].Interval)
                {
                    RelativeChangeArtifactMethod = means[next].Method,
                    RelativeChangePlaceboMethod = means[next + 1].Method,
                    InsideShareExcessArtifactMethod = means[next + 2].Method,
                    InsideShareExcessPlaceboMethod = means[next + 3].Method,
                };
            }

            profiles[t] = BuildOne(columns.Types[types[t]], columns, byType[t], layers);
        }

        return profiles;
    }

    private static ArtifactTypeProfile BuildOne(string type, PairColumns columns, int[] rows, LayerProfile[] layers)
    {
        var artifactShift = new List<double>();
        var placeboShift = new List<double>();
        foreach (int row in rows)
        {
            (double a, double p) = columns.Effects(row, MetricKind.ScoreShift, null);
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
            rows.Length,
            OrderStatisticSample.Of(artifactShift, PointSampleLimit),
            OrderStatisticSample.Of(placeboShift, PointSampleLimit),
            BoxSummary.Describe(artifactShift),
            BoxSummary.Describe(placeboShift),
            layers);
    }

    /// <summary>
    /// The finite artifact (or placebo) effects of one layer metric summed per subject, with each subject's number of
    /// pairs, clusters in order of their first pair (a pair without a subject is its own cluster). The mean over pairs is
    /// the ratio of their totals; its interval resamples subjects, as the checks' do: pairs of one patient or lesion are
    /// not independent, and resampling clusters also costs resamples x subjects instead of resamples x pairs.
    /// </summary>
    private static (double[] Sums, double[] Counts) ClusterSums(PairColumns columns, int[] rows, MetricKind metric, string tap, bool artifact)
    {
        // The rows with a value and their clusters in pooled scratch: 64 of these per model, each over up to a million rows.
        int[] valued = ArrayPool<int>.Shared.Rent(rows.Length);
        int[] clusterOfRow = ArrayPool<int>.Shared.Rent(rows.Length);
        try
        {
            int count = 0;
            foreach (int row in rows)
            {
                if (double.IsFinite(Value(columns, row, metric, tap, artifact)))
                {
                    valued[count++] = row;
                }
            }

            int clusters = SubjectClusters.Assign(columns, new ArraySegment<int>(valued, 0, count), clusterOfRow.AsSpan(0, count));
            double[] sums = new double[clusters];
            double[] counts = new double[clusters];
            for (int i = 0; i < count; i++)
            {
                sums[clusterOfRow[i]] += Value(columns, valued[i], metric, tap, artifact);
                counts[clusterOfRow[i]]++;
            }

            return (sums, counts);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(valued);
            ArrayPool<int>.Shared.Return(clusterOfRow);
        }
    }

    private static double Value(PairColumns columns, int row, MetricKind metric, string tap, bool artifact)
    {
        (double a, double p) = columns.Effects(row, metric, tap);
        return artifact ? a : p;
    }
}
