using AuditHarness.Core.Errors;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Statistics;
using AuditHarness.Results;

namespace AuditHarness.Engine.Baseline;

/// <summary>
/// Compares a candidate run with a baseline run, check by check. Models pair by name, or, when each run has
/// exactly one model, with each other whatever their names. Each run's value is its check's pooled estimate,
/// sum(reliance × weight) / sum(weight) over its pairs (the run's summary.csv estimate), and the change is candidate −
/// baseline. On the same dataset (equal dataset digests, or equal pair ids when a digest is unknown) its interval is a
/// paired cluster bootstrap (<see cref="RatioDifferenceBootstrap.Paired"/>: the same subjects drawn for both runs, both
/// ratios recomputed; the candidate's settings), linearised from <c>bootstrap.largeSampleClusters</c> subjects
/// (<see cref="ClusterInterval"/> decides), and the p-value the one-sided Wilcoxon test of a worsening over the
/// subjects' own ratio changes. On another dataset it refuses, unless asked for an unpaired comparison (each run's
/// subjects resampled on their own, no p-value). The candidate's policy decides direction and tolerance; the verdict
/// follows <see cref="PolicyEvaluator"/> with the tolerance as threshold.
/// </summary>
public static class BaselineComparer
{
    /// <summary>Used when neither run recorded its bootstrap settings (runs written before summary.json carried them).</summary>
    public static BootstrapSettings DefaultBootstrap { get; } = new(BootstrapInterval.DefaultResamples, BootstrapInterval.DefaultSeed, BootstrapInterval.DefaultConfidence);

    public static BaselineComparison Compare(RecordedRun baseline, RecordedRun candidate, bool unpaired = false)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        string? difference = DatasetDifference(baseline, candidate);
        if (difference is not null && !unpaired)
        {
            throw new AuditInputException(
                $"Baseline run '{baseline.Folder}' and candidate run '{candidate.Folder}' audit different datasets ({difference}); compare runs of the same dataset pair by pair, or pass --unpaired to compare them as independent samples.");
        }

        bool paired = !unpaired;
        BootstrapSettings bootstrap = candidate.Bootstrap ?? baseline.Bootstrap ?? DefaultBootstrap;
        var results = new List<RegressionResult>();
        foreach ((RecordedModel candidateModel, RecordedModel baselineModel) in PairModels(baseline, candidate))
        {
            foreach (RecordedCheck check in candidate.Checks.Where(c => c.Model == candidateModel.Name))
            {
                RecordedCheck? before = baseline.Checks.FirstOrDefault(b =>
                    b.Model == baselineModel.Name && b.ArtifactType == check.ArtifactType && b.Check.Id == check.Check.Id);
                results.Add(Judge(check, before, baselineModel.Name, paired, bootstrap));
            }
        }

        return new BaselineComparison(baseline.Folder, baseline.AuditName, candidate.Folder, paired, bootstrap.Confidence, results);
    }

    /// <summary>
    /// Before a run: throws the error <see cref="Compare"/> would, when the baseline's dataset digest differs from the
    /// planned run's (without <paramref name="unpaired"/>) or the two share no model, so no pair runs in vain.
    /// </summary>
    public static void EnsureComparable(RecordedRun baseline, RecordedRun planned, bool unpaired)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(planned);
        if (!unpaired && baseline.DatasetDigest is not null && planned.DatasetDigest is not null && DatasetDifference(baseline, planned) is { } difference)
        {
            throw new AuditInputException(
                $"Baseline run '{baseline.Folder}' and the planned run of '{planned.AuditName}' audit different datasets ({difference}); compare runs of the same dataset pair by pair, or pass --unpaired to compare them as independent samples.");
        }

        _ = PairModels(baseline, planned);
    }

    /// <summary>Why the two runs' datasets differ, or null when they are the same.</summary>
    private static string? DatasetDifference(RecordedRun baseline, RecordedRun candidate)
    {
        if (baseline.DatasetDigest is not null && candidate.DatasetDigest is not null)
        {
            return baseline.DatasetDigest == candidate.DatasetDigest
                ? null
                : $"dataset SHA-256 {baseline.DatasetDigest[..12]}... against {candidate.DatasetDigest[..12]}...";
        }

        int onlyBaseline = baseline.PairIds.Count(id => !candidate.PairIds.Contains(id));
        int onlyCandidate = candidate.PairIds.Count(id => !baseline.PairIds.Contains(id));
        return onlyBaseline == 0 && onlyCandidate == 0
            ? null
            : $"{onlyBaseline} pair id(s) only in the baseline, {onlyCandidate} only in the candidate";
    }

    private static List<(RecordedModel Candidate, RecordedModel Baseline)> PairModels(RecordedRun baseline, RecordedRun candidate)
    {
        if (baseline.Models.Count == 1 && candidate.Models.Count == 1)
        {
            return [(candidate.Models[0], baseline.Models[0])];
        }

        List<(RecordedModel, RecordedModel)> pairs = [.. candidate.Models
            .Select(c => (c, baseline.Models.FirstOrDefault(b => b.Name == c.Name)))
            .Where(p => p.Item2 is not null)
            .Select(p => (p.c, p.Item2!))];
        if (pairs.Count == 0)
        {
            throw new AuditInputException(
                $"Baseline run '{baseline.Folder}' (models {string.Join(", ", baseline.Models.Select(m => m.Name))}) and candidate run '{candidate.Folder}' (models {string.Join(", ", candidate.Models.Select(m => m.Name))}) share no model name; expected models of the same names, or one model in each run.");
        }

        return pairs;
    }

    private static RegressionResult Judge(RecordedCheck check, RecordedCheck? before, string baselineModel, bool paired, BootstrapSettings bootstrap)
    {
        CheckClusterSums candidateSums = check.Sums;
        RegressionResult NoData(string note, int baselinePairs, double baselineEstimate, double candidateEstimate) =>
            new(check.Model, baselineModel, check.ArtifactType, check.Check, candidateSums.Pairs, baselinePairs, baselineEstimate, candidateEstimate, double.NaN, double.NaN, double.NaN, double.NaN, Verdict.Warn, note);

        double candidateEstimate = candidateSums.PooledEstimate();
        if (before is null)
        {
            return NoData($"the baseline has no check '{check.Check.Id}' on '{check.ArtifactType}' for model '{baselineModel}'; no change can be measured", 0, double.NaN, candidateEstimate);
        }

        CheckClusterSums baselineSums = before.Sums;
        double baselineEstimate = baselineSums.PooledEstimate();
        if (paired && candidateSums.Pairs == 0 && baselineSums.Pairs == 0)
        {
            // Nothing to compare on either side: no change to report, and the check itself is already INCONCLUSIVE (or WARN, with onNoData: warn) for want of data.
            return new RegressionResult(check.Model, baselineModel, check.ArtifactType, check.Check, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, Verdict.Pass, "no value in either run");
        }

        if (candidateSums.Pairs == 0 || baselineSums.Pairs == 0)
        {
            return NoData($"the {(candidateSums.Pairs == 0 ? "candidate" : "baseline")} has no value for this check", baselineSums.Pairs, baselineEstimate, candidateEstimate);
        }

        MethodInterval chosen;
        double pValue = double.NaN;
        string? note;
        int clusters;
        if (paired)
        {
            // One cluster list for both runs (candidate's order of first appearance, then the baseline's), so a
            // resample draws the same subjects for both; a cluster without a value in one run adds to the other only.
            int candidateClusters = candidateSums.Clusters;
            var place = new Dictionary<string, int>(candidateClusters, StringComparer.Ordinal);
            var baselineNumerators = new List<double>(candidateClusters);
            var baselineWeights = new List<double>(candidateClusters);
            List<double> candidateNumerators = [.. candidateSums.Numerators()], candidateWeights = [.. candidateSums.Weights()];
            for (int c = 0; c < candidateClusters; c++)
            {
                place.Add(candidateSums.ClusterKey(c), c);
                baselineNumerators.Add(0);
                baselineWeights.Add(0);
            }

            for (int c = 0; c < baselineSums.Clusters; c++)
            {
                if (place.TryGetValue(baselineSums.ClusterKey(c), out int shared))
                {
                    baselineNumerators[shared] = baselineSums.Numerator(c);
                    baselineWeights[shared] = baselineSums.Weight(c);
                }
                else
                {
                    baselineNumerators.Add(baselineSums.Numerator(c));
                    baselineWeights.Add(baselineSums.Weight(c));
                    candidateNumerators.Add(0);
                    candidateWeights.Add(0);
                }
            }

            chosen = ClusterInterval.PairedDifference(
                [.. baselineNumerators], [.. baselineWeights], [.. candidateNumerators], [.. candidateWeights],
                bootstrap.Confidence, bootstrap.Resamples, bootstrap.Seed, bootstrap.LargeSampleClusters);
            clusters = baselineWeights.Count;

            // The p-value ranks, per cluster with a value in both runs, the change of its own ratio.
            int[] both = [.. Enumerable.Range(0, clusters).Where(c => baselineWeights[c] > 0 && candidateWeights[c] > 0)];
            if (both.Length > 0)
            {
                Alternative worse = check.Check.Direction == ThresholdDirection.Max ? Alternative.Greater : Alternative.Less;
                pValue = WilcoxonSignedRank.Test([.. both.Select(c => candidateNumerators[c] / candidateWeights[c])], [.. both.Select(c => baselineNumerators[c] / baselineWeights[c])], worse).PValue;
            }

            int common = candidateSums.PairIds().Count(baselineSums.HasPair);
            int onlyOne = candidateSums.Pairs + baselineSums.Pairs - (2 * common);
            note = onlyOne == 0 ? null : $"{onlyOne} pair(s) with a value in only one run count in that run's estimate only";
        }
        else
        {
            chosen = ClusterInterval.IndependentDifference(baselineSums.Numerators(), baselineSums.Weights(), candidateSums.Numerators(), candidateSums.Weights(), bootstrap.Confidence, bootstrap.Resamples, bootstrap.Seed, bootstrap.LargeSampleClusters);
            clusters = candidateSums.Clusters + baselineSums.Clusters;
            note = $"unpaired: difference of the pooled estimates; {baselineSums.Clusters} baseline and {candidateSums.Clusters} candidate clusters resampled independently";
        }

        string unit = ResamplingClusters.Unit(candidateSums.Pairs + baselineSums.Pairs, candidateSums.WithoutSubject + baselineSums.WithoutSubject);
        Interval interval = chosen.Interval;
        if (interval.IsUndefined)
        {
            return NoData("no bootstrap resample had a value in both runs; no interval for the change", baselineSums.Pairs, baselineEstimate, candidateEstimate) with
            {
                Change = interval.Estimate,
                ResampledUnit = unit,
                Clusters = clusters,
                IntervalMethod = chosen.Method,
            };
        }

        // A percentile interval can, rarely, miss its own estimate; widen it to reach it, as the checks do.
        double low = Math.Min(interval.Low, interval.Estimate), high = Math.Max(interval.High, interval.Estimate);
        double limit = check.Check.Direction == ThresholdDirection.Max ? check.Check.RegressionTolerance : -check.Check.RegressionTolerance;
        Verdict verdict = PolicyEvaluator.Evaluate(limit, check.Check.Direction, new CheckEstimate(interval.Estimate, low, high));
        return new RegressionResult(check.Model, baselineModel, check.ArtifactType, check.Check, candidateSums.Pairs, baselineSums.Pairs, baselineEstimate, candidateEstimate, interval.Estimate, low, high, pValue, verdict, note)
        {
            ResampledUnit = unit,
            Clusters = clusters,
            IntervalMethod = chosen.Method,
        };
    }

    /// <summary>The check's pooled estimate over these pairs, sum(reliance × weight) / sum(weight), as the run's summary gives it; NaN for none.</summary>
    public static double PooledEstimate(IEnumerable<CheckPairValue> values) => CheckClusterSums.Of(values).PooledEstimate();
}
