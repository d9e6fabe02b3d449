using System.Buffers;
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
        int[] clusterOfRow = ArrayPool<int>.Shared.Rent(rows.Count);
        try
        {
            return Of(columns, rows, check, clusterOfRow);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(clusterOfRow);
        }
    }

    private static SubjectClusters Of(PairColumns columns, IReadOnlyList<int> rows, PolicyCheck check, int[] clusterOfRow)
    {
        int clusters = Assign(columns, rows, clusterOfRow.AsSpan(0, rows.Count));
        double[] artifact = new double[clusters];
        double[] placebo = new double[clusters];
        double[] reliance = new double[clusters];
        double[] weight = new double[clusters];
        int withoutSubject = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            withoutSubject += columns.SubjectOf(rows[i]) < 0 ? 1 : 0;
            (double a, double p, double w) = columns.Pooled(rows[i], check.Metric, check.Layer);
            int c = clusterOfRow[i];
            artifact[c] += a;
            placebo[c] += p;
            reliance[c] += a - p;
            weight[c] += w;
        }

        return new SubjectClusters(artifact, placebo, reliance, weight, ResamplingClusters.Unit(rows.Count, withoutSubject), withoutSubject);
    }

    /// <summary>
    /// Each row's cluster: one per subject, numbered in order of the subject's first row, and one of its own for a row
    /// without a subject (pair ids are unique). Writes them into <paramref name="clusterOfRow"/> (one per row) and
    /// returns how many clusters there are. The one grouping behind the checks' and the profiles' cluster bootstraps.
    /// </summary>
    public static int Assign(PairColumns columns, IReadOnlyList<int> rows, Span<int> clusterOfRow)
    {
        // Scratch from the shared pool: the checks and the profiles each group up to a million rows, one after another.
        int[] clusterOfSubject = ArrayPool<int>.Shared.Rent(columns.Subjects.Count);
        try
        {
            clusterOfSubject.AsSpan(0, columns.Subjects.Count).Fill(-1);
            return Assign(columns, rows, clusterOfRow, clusterOfSubject);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(clusterOfSubject);
        }
    }

    private static int Assign(PairColumns columns, IReadOnlyList<int> rows, Span<int> clusterOfRow, int[] clusterOfSubject)
    {
        int clusters = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            int subject = columns.SubjectOf(rows[i]);
            int c = subject < 0 ? -1 : clusterOfSubject[subject];
            if (c < 0)
            {
                c = clusters++;
                if (subject >= 0)
                {
                    clusterOfSubject[subject] = c;
                }
            }

            clusterOfRow[i] = c;
        }

        return clusters;
    }
}
