using AuditHarness.Core.Policies;
using AuditHarness.Results;

namespace AuditHarness.Engine.Summary;

/// <summary>
/// The pairs of one check grouped into the clusters its statistics resample: one per subject (the manifest's
/// <c>subject_id</c>), and one per pair that has none. Per cluster, in order of first appearance in pair order, the sums
/// of its pairs' <see cref="Pairs.PairMetrics.Pooled"/> totals: so the pairs of one subject count once, however many there are.
/// </summary>
internal sealed class SubjectClusters
{
    private SubjectClusters(double[] artifact, double[] placebo, double[] reliance, double[] weight, string unit, int pairsWithoutSubject)
    {
        Artifact = artifact;
        Placebo = placebo;
        Reliance = reliance;
        Weight = weight;
        Unit = unit;
        PairsWithoutSubject = pairsWithoutSubject;
    }

    /// <summary>Per cluster, the artifact totals.</summary>
    public double[] Artifact { get; }

    /// <summary>Per cluster, the placebo totals.</summary>
    public double[] Placebo { get; }

    /// <summary>Per cluster, the summed (artifact − placebo) totals: the ratio's numerator.</summary>
    public double[] Reliance { get; }

    /// <summary>Per cluster, what the totals are counted over (original detections, or pairs): the ratio's denominator.</summary>
    public double[] Weight { get; }

    /// <summary><see cref="CheckResult.SubjectUnit"/>, <see cref="CheckResult.PairUnit"/> or <see cref="CheckResult.MixedUnit"/>.</summary>
    public string Unit { get; }

    public int PairsWithoutSubject { get; }

    /// <summary>The clusters of the given rows of <paramref name="columns"/> (each with a value for the check's metric), in their order.</summary>
    public static SubjectClusters Of(PairColumns columns, IReadOnlyList<int> rows, PolicyCheck check)
    {
        // A subject's cluster by its index; a pair without a subject is a cluster of its own (pair ids are unique).
        int[] clusterOfSubject = new int[columns.Subjects.Count];
        Array.Fill(clusterOfSubject, -1);
        var artifact = new List<double>();
        var placebo = new List<double>();
        var reliance = new List<double>();
        var weight = new List<double>();
        int withoutSubject = 0;
        foreach (int row in rows)
        {
            int subject = columns.SubjectOf(row);
            int c = subject < 0 ? -1 : clusterOfSubject[subject];
            withoutSubject += subject < 0 ? 1 : 0;
            if (c < 0)
            {
                c = artifact.Count;
                if (subject >= 0)
                {
                    clusterOfSubject[subject] = c;
                }

                artifact.Add(0);
                placebo.Add(0);
                reliance.Add(0);
                weight.Add(0);
            }

            (double a, double p, double w) = columns.Pooled(row, check.Metric, check.Layer);
            artifact[c] += a;
            placebo[c] += p;
            reliance[c] += a - p;
            weight[c] += w;
        }

        return new SubjectClusters([.. artifact], [.. placebo], [.. reliance], [.. weight], ResamplingClusters.Unit(rows.Count, withoutSubject), withoutSubject);
    }
}
