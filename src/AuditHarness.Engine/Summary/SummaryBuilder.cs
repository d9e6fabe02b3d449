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
/// resamples subjects (the manifest's <c>subject_id</c>; a pair without one is its own cluster) from a fixed seed. The
/// p-value is a one-sided Wilcoxon signed-rank test on the clusters' reliances, Holm-adjusted over the model's checks;
/// the verdict is the interval's, by <see cref="PolicyEvaluator"/>.
/// </summary>
public static class SummaryBuilder
{
    public static IReadOnlyList<CheckResult> Judge(string model, Policy policy, IReadOnlyList<PairOutcome> outcomes, BootstrapSettings bootstrap)
    {
        string[] typesInData = [.. outcomes.Select(o => o.ArtifactType).Distinct().Order(StringComparer.Ordinal)];
        var judged = new List<(PolicyCheck Check, string Type)>();
        foreach (PolicyCheck check in policy.Checks)
        {
            IEnumerable<string> types = check.ArtifactTypes.Contains(PolicyCheck.AllArtifactTypes) ? typesInData : check.ArtifactTypes;
            judged.AddRange(types.Select(type => (check, type)));
        }

        // Each check's bootstrap has its own generator from the seed, so judging them in parallel and collecting the
        // results by position gives the same bits as one after another.
        var results = new CheckResult[judged.Count];
        Parallel.For(0, judged.Count, i => results[i] = JudgeOne(model, judged[i].Check, judged[i].Type, outcomes.Where(o => o.ArtifactType == judged[i].Type), bootstrap));

        // The family is every judged check of this model: the model passes only if all of them do.
        double[] holm = HolmAdjustment.Adjust([.. results.Select(r => r.PValue)]);
        return [.. results.Select((r, i) => r with { HolmPValue = holm[i], Controls = ControlsBehind(r, outcomes) })];
    }

    /// <summary>Which placebo control each pair behind the check's estimate had.</summary>
    private static PlaceboControlCounts ControlsBehind(CheckResult result, IReadOnlyList<PairOutcome> outcomes)
    {
        var used = new HashSet<string>(result.PairValues.Select(v => v.PairId), StringComparer.Ordinal);
        PairOutcome[] behind = [.. outcomes.Where(o => o.ArtifactType == result.ArtifactType && used.Contains(o.PairId))];
        return new PlaceboControlCounts(
            behind.Count(o => o.PlaceboControl == PlaceboControls.Shifted),
            behind.Count(o => o.PlaceboControl == PlaceboControls.Transplant));
    }

    private static CheckResult JudgeOne(string model, PolicyCheck check, string type, IEnumerable<PairOutcome> ofType, BootstrapSettings bootstrap)
    {
        PairOutcome[] outcomes = [.. ofType];
        var artifact = new List<double>();
        var placebo = new List<double>();
        var pairIds = new List<string>();
        var valued = new List<PairOutcome>();
        foreach (PairOutcome outcome in outcomes)
        {
            (double a, double p) = PairMetrics.Effects(outcome, check);
            (double pooledA, double pooledP, double weight) = PairMetrics.Pooled(outcome, check.Metric, check.Layer);
            if (double.IsFinite(a) && double.IsFinite(p) && weight > 0 && double.IsFinite(pooledA) && double.IsFinite(pooledP))
            {
                artifact.Add(a);
                placebo.Add(p);
                pairIds.Add(outcome.PairId);
                valued.Add(outcome);
            }
        }

        if (artifact.Count == 0)
        {
            // Nothing was judged: INCONCLUSIVE fails the gate unless the policy accepts a WARN for this check.
            Verdict noData = check.OnNoData == NoDataVerdict.Warn ? Verdict.Warn : Verdict.Inconclusive;
            string reason = outcomes.Length == 0
                ? $"no pair of type '{type}' was processed"
                : outcomes.Any(o => o.Placebos.Count == 0)
                    ? $"no pair of type '{type}' has both effects for {check.Metric.Definition().Name}: no placebo control fits this artifact"
                    : $"no pair of type '{type}' has a value for {check.Metric.Definition().Name}";
            string consequence = noData == Verdict.Warn ? "the check cannot pass without evidence (onNoData: warn)" : "nothing was judged, so the check cannot pass";
            return new CheckResult(model, type, check, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, noData, $"{reason}; {consequence}");
        }

        SubjectClusters clusters = SubjectClusters.Of(valued, check);
        Interval interval = ClusterBootstrap.Ratio(clusters.Reliance, clusters.Weight, bootstrap.Confidence, bootstrap.Resamples, bootstrap.Seed);

        // A percentile interval can, rarely, miss the estimate it belongs to; widen it to reach the estimate.
        double low = Math.Min(interval.Low, interval.Estimate), high = Math.Max(interval.High, interval.Estimate);
        Alternative alternative = check.Direction == ThresholdDirection.Max ? Alternative.Greater : Alternative.Less;
        double[] clusterReliance = [.. clusters.Reliance.Zip(clusters.Weight, (r, w) => r / w)];
        double pValue = WilcoxonSignedRank.Test(clusterReliance, new double[clusterReliance.Length], alternative).PValue;
        Verdict verdict = PolicyEvaluator.Evaluate(check, new CheckEstimate(interval.Estimate, low, high));
        var notes = new List<string>();
        int withoutValue = outcomes.Length - artifact.Count;
        if (withoutValue > 0)
        {
            notes.Add($"{withoutValue} of {outcomes.Length} pairs left out (no placebo or no value)");
        }

        if (clusters.Unit == CheckResult.MixedUnit)
        {
            notes.Add($"{clusters.PairsWithoutSubject} of {artifact.Count} pairs have no subject_id and were resampled as their own clusters");
        }

        double counted = clusters.Weight.Sum();
        return new CheckResult(model, type, check, artifact.Count, interval.Estimate, low, high,
            clusters.Artifact.Sum() / counted, clusters.Placebo.Sum() / counted, pValue, verdict, notes.Count == 0 ? null : string.Join("; ", notes))
        {
            PairValues = [.. pairIds.Select((id, i) => new CheckPairValue(id, artifact[i], placebo[i], artifact[i] - placebo[i]) { Weight = PairMetrics.Pooled(valued[i], check.Metric, check.Layer).Weight, SubjectId = valued[i].SubjectId })],
            ResampledUnit = clusters.Unit,
            Clusters = clusters.Weight.Length,
        };
    }
}
