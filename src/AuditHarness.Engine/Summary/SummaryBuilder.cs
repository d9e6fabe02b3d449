using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Statistics;
using AuditHarness.Results;
using AuditHarness.Engine.Pairs;

namespace AuditHarness.Engine.Summary;

/// <summary>
/// Judges every policy check on the pairs of each artifact type it covers: reliance = artifact effect − placebo
/// effect per pair; estimate = their mean with a percentile bootstrap interval (fixed seed); p-value = one-sided
/// Wilcoxon signed-rank of artifact against placebo effects; verdict by <see cref="PolicyEvaluator"/>.
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
        return [.. results.Select(r => r with { Controls = ControlsBehind(r, outcomes) })];
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

    private static Interval PooledArtifactRate(IEnumerable<PairOutcome> outcomes, PolicyCheck check, double confidence)
    {
        if (check.Metric.Definition().Aggregation != MetricAggregation.PairMeanAndPooledRate)
        {
            return Interval.Undefined;
        }

        int events = 0, trials = 0;
        foreach (PairOutcome outcome in outcomes)
        {
            (int pairEvents, int pairTrials) = PairMetrics.ArtifactCounts(outcome, check);
            events += pairEvents;
            trials += pairTrials;
        }

        return WilsonInterval.Compute(events, trials, confidence);
    }

    private static CheckResult JudgeOne(string model, PolicyCheck check, string type, IEnumerable<PairOutcome> ofType, BootstrapSettings bootstrap)
    {
        PairOutcome[] outcomes = [.. ofType];
        var artifact = new List<double>();
        var placebo = new List<double>();
        var pairIds = new List<string>();
        foreach (PairOutcome outcome in outcomes)
        {
            (double a, double p) = PairMetrics.Effects(outcome, check);
            if (double.IsFinite(a) && double.IsFinite(p))
            {
                artifact.Add(a);
                placebo.Add(p);
                pairIds.Add(outcome.PairId);
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
            return new CheckResult(model, type, check, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, noData, Interval.Undefined, $"{reason}; {consequence}");
        }

        double[] reliance = [.. artifact.Zip(placebo, (a, p) => a - p)];
        Interval interval = BootstrapInterval.Mean(reliance, bootstrap.Confidence, bootstrap.Resamples, bootstrap.Seed);

        // A percentile interval can, rarely, miss the mean it belongs to; widen it to reach the estimate.
        double low = Math.Min(interval.Low, interval.Estimate), high = Math.Max(interval.High, interval.Estimate);
        Alternative alternative = check.Direction == ThresholdDirection.Max ? Alternative.Greater : Alternative.Less;
        double pValue = WilcoxonSignedRank.Test(artifact, placebo, alternative).PValue;
        Verdict verdict = PolicyEvaluator.Evaluate(check, new CheckEstimate(interval.Estimate, low, high));
        int withoutValue = outcomes.Length - reliance.Length;
        string? note = withoutValue == 0 ? null : $"{withoutValue} of {outcomes.Length} pairs left out (no placebo or no value)";
        Interval rate = PooledArtifactRate(outcomes, check, bootstrap.Confidence);
        return new CheckResult(model, type, check, reliance.Length, interval.Estimate, low, high, artifact.Average(), placebo.Average(), pValue, verdict, rate, note)
        {
            PairValues = [.. pairIds.Select((id, i) => new CheckPairValue(id, artifact[i], placebo[i], reliance[i]))],
        };
    }
}
