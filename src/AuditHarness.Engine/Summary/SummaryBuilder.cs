using System.Buffers;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Statistics;
using AuditHarness.Results;
using AuditHarness.Engine.Pairs;

namespace AuditHarness.Engine.Summary;

/// <summary>
/// Judges every policy check on the pairs of each artifact type it covers. Reliance = artifact effect − placebo effect;
/// the estimate pools it as the metric's catalog entry says (over the original detections for the detection metrics,
/// a ratio estimator; a mean over pairs for the layer metrics), with a percentile cluster-bootstrap interval that
/// resamples subjects (the manifest's <c>subject_id</c>; a pair without one is its own cluster) from a fixed seed, or
/// from <c>bootstrap.largeSampleClusters</c> subjects on a linearised one (<see cref="ClusterInterval"/> decides). The
/// p-value is a one-sided Wilcoxon signed-rank test on the clusters' reliances, Holm-adjusted over the model's checks;
/// the verdict is the interval's, by <see cref="PolicyEvaluator"/>.
/// </summary>
public static class SummaryBuilder
{
    /// <summary>Judges the policy's checks on a model's outcomes (in pair order).</summary>
    public static IReadOnlyList<CheckResult> Judge(string model, Policy policy, IReadOnlyList<PairOutcome> outcomes, BootstrapSettings bootstrap)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Judge(model, policy, PairColumns.Of(outcomes, policy.Checks), bootstrap);
    }

    /// <summary>Judges the policy's checks on a model's pairs reduced to <see cref="PairColumns"/> (recorded with the policy's checks).</summary>
    internal static IReadOnlyList<CheckResult> Judge(string model, Policy policy, PairColumns columns, BootstrapSettings bootstrap)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(columns);
        string[] typesInData = [.. columns.Types.Order(StringComparer.Ordinal)];
        var judged = new List<(PolicyCheck Check, string Type)>();
        foreach (PolicyCheck check in policy.Checks)
        {
            IEnumerable<string> types = check.ArtifactTypes.Contains(PolicyCheck.AllArtifactTypes) ? typesInData : check.ArtifactTypes;
            judged.AddRange(types.Select(type => (check, type)));
        }

        // The rows of each type, found once: every check of that type reads them.
        var rowsOfType = judged.Select(j => j.Type).Distinct(StringComparer.Ordinal).ToDictionary(type => type, type => RowsOf(columns, type), StringComparer.Ordinal);

        // Each check's bootstrap has its own generator from the seed, so judging them in parallel and collecting the
        // results by position gives the same bits as one after another.
        var results = new CheckResult[judged.Count];
        Parallel.For(0, judged.Count, i => results[i] = JudgeOne(model, judged[i].Check, judged[i].Type, columns, rowsOfType[judged[i].Type], bootstrap));

        // The family is every judged check of this model: the model passes only if all of them do.
        double[] holm = HolmAdjustment.Adjust([.. results.Select(r => r.PValue)]);
        return [.. results.Select((r, i) => r with { HolmPValue = holm[i] })];
    }

    /// <summary>
    /// The rows behind a check's statistics: those of its artifact type with both effects and a pooled value (a weight
    /// above zero), in pair order. What <c>pair-metrics.csv</c> lists for the check.
    /// </summary>
    internal static int[] RowsWithValue(PairColumns columns, CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(result);
        return RowsWithValue(columns, RowsOf(columns, result.ArtifactType), result.Check);
    }

    private static int[] RowsOf(PairColumns columns, string type)
    {
        int index = -1;
        for (int t = 0; t < columns.Types.Count; t++)
        {
            if (string.Equals(columns.Types[t], type, StringComparison.Ordinal))
            {
                index = t;
            }
        }

        return index < 0 ? [] : columns.RowsOf(index);
    }

    private static int[] RowsWithValue(PairColumns columns, int[] rows, PolicyCheck check)
    {
        // Pooled scratch, then one array of the right size: a list would double (and leave garbage) through a million rows.
        int[] scratch = ArrayPool<int>.Shared.Rent(rows.Length);
        try
        {
            int count = 0;
            foreach (int row in rows)
            {
                (double a, double p) = columns.Effects(row, check.Metric, check.Layer);
                (double pooledA, double pooledP, double weight) = columns.Pooled(row, check.Metric, check.Layer);
                if (double.IsFinite(a) && double.IsFinite(p) && weight > 0 && double.IsFinite(pooledA) && double.IsFinite(pooledP))
                {
                    scratch[count++] = row;
                }
            }

            return scratch.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(scratch);
        }
    }

    private static CheckResult JudgeOne(string model, PolicyCheck check, string type, PairColumns columns, int[] rows, BootstrapSettings bootstrap)
    {
        int[] valued = RowsWithValue(columns, rows, check);
        if (valued.Length == 0)
        {
            // Nothing was judged: INCONCLUSIVE fails the gate unless the policy accepts a WARN for this check.
            Verdict noData = check.OnNoData == NoDataVerdict.Warn ? Verdict.Warn : Verdict.Inconclusive;
            string reason = rows.Length == 0
                ? $"no pair of type '{type}' was processed"
                : rows.Any(r => PairColumns.ControlNames[columns.Control(r)] == PlaceboControls.None)
                    ? $"no pair of type '{type}' has both effects for {check.Metric.Definition().Name}: no placebo control fits this artifact"
                    : $"no pair of type '{type}' has a value for {check.Metric.Definition().Name}";
            string consequence = noData == Verdict.Warn ? "the check cannot pass without evidence (onNoData: warn)" : "nothing was judged, so the check cannot pass";
            return new CheckResult(model, type, check, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, noData, $"{reason}; {consequence}");
        }

        SubjectClusters clusters = SubjectClusters.Of(columns, valued, check);
        MethodInterval chosen = ClusterInterval.Ratio(clusters.Reliance, clusters.Weight, bootstrap.Confidence, bootstrap.Resamples, bootstrap.Seed, bootstrap.LargeSampleClusters);
        Interval interval = chosen.Interval;

        // A percentile interval can, rarely, miss the estimate it belongs to; widen it to reach the estimate.
        double low = Math.Min(interval.Low, interval.Estimate), high = Math.Max(interval.High, interval.Estimate);
        Alternative alternative = check.Direction == ThresholdDirection.Max ? Alternative.Greater : Alternative.Less;
        double[] clusterReliance = [.. clusters.Reliance.Zip(clusters.Weight, (r, w) => r / w)];
        double pValue = WilcoxonSignedRank.OneSample(clusterReliance, alternative).PValue;
        Verdict verdict = PolicyEvaluator.Evaluate(check, new CheckEstimate(interval.Estimate, low, high));
        var notes = new List<string>();
        int withoutValue = rows.Length - valued.Length;
        if (withoutValue > 0)
        {
            notes.Add($"{withoutValue} of {rows.Length} pairs left out (no placebo or no value)");
        }

        if (clusters.Unit == CheckResult.MixedUnit)
        {
            notes.Add($"{clusters.PairsWithoutSubject} of {valued.Length} pairs have no subject_id and were resampled as their own clusters");
        }

        double counted = clusters.Weight.Sum();
        return new CheckResult(model, type, check, valued.Length, interval.Estimate, low, high,
            clusters.Artifact.Sum() / counted, clusters.Placebo.Sum() / counted, pValue, verdict, notes.Count == 0 ? null : string.Join("; ", notes))
        {
            ResampledUnit = clusters.Unit,
            Clusters = clusters.Weight.Length,
            IntervalMethod = chosen.Method,
            Controls = ControlsBehind(columns, valued),
        };
    }

    /// <summary>Which placebo control each pair behind the check's estimate had.</summary>
    private static PlaceboControlCounts ControlsBehind(PairColumns columns, int[] valued)
    {
        int shifted = 0, transplant = 0;
        foreach (int row in valued)
        {
            string control = PairColumns.ControlNames[columns.Control(row)];
            shifted += control == PlaceboControls.Shifted ? 1 : 0;
            transplant += control == PlaceboControls.Transplant ? 1 : 0;
        }

        return new PlaceboControlCounts(shifted, transplant);
    }
}
