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
        RegressionResult NoData(string note, int baselinePairs, double baselineEstimate, double candidateEstimate) =>
            new(check.Model, baselineModel, check.ArtifactType, check.Check, check.Values.Count, baselinePairs, baselineEstimate, candidateEstimate, double.NaN, double.NaN, double.NaN, double.NaN, Verdict.Warn, note);

        double candidateEstimate = PooledEstimate(check.Values);
        if (before is null)
        {
            return NoData($"the baseline has no check '{check.Check.Id}' on '{check.ArtifactType}' for model '{baselineModel}'; no change can be measured", 0, double.NaN, candidateEstimate);
        }

        double baselineEstimate = PooledEstimate(before.Values);
        if (paired && check.Values.Count == 0 && before.Values.Count == 0)
        {
            // Nothing to compare on either side: no change to report, and the check itself is already INCONCLUSIVE (or WARN, with onNoData: warn) for want of data.
            return new RegressionResult(check.Model, baselineModel, check.ArtifactType, check.Check, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, Verdict.Pass, "no value in either run");
        }

        if (check.Values.Count == 0 || before.Values.Count == 0)
        {
            return NoData($"the {(check.Values.Count == 0 ? "candidate" : "baseline")} has no value for this check", before.Values.Count, baselineEstimate, candidateEstimate);
        }

        MethodInterval chosen;
        double pValue = double.NaN;
        string? note;
        int clusters;
        if (paired)
        {
            // One cluster list for both runs (candidate's order of first appearance, then the baseline's), so a
            // resample draws the same subjects for both; a cluster without a value in one run adds to the other only.
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var sums = new List<(double BaselineNumerator, double BaselineWeight, double CandidateNumerator, double CandidateWeight)>();
            void Add(CheckPairValue v, bool candidate)
            {
                string key = ClusterKey(v);
                if (!index.TryGetValue(key, out int c))
                {
                    c = index.Count;
                    index.Add(key, c);
                    sums.Add((0, 0, 0, 0));
                }

                var s = sums[c];
                sums[c] = candidate
                    ? (s.BaselineNumerator, s.BaselineWeight, s.CandidateNumerator + (v.Reliance * v.Weight), s.CandidateWeight + v.Weight)
                    : (s.BaselineNumerator + (v.Reliance * v.Weight), s.BaselineWeight + v.Weight, s.CandidateNumerator, s.CandidateWeight);
            }

            foreach (CheckPairValue v in check.Values)
            {
                Add(v, candidate: true);
            }

            foreach (CheckPairValue v in before.Values)
            {
                Add(v, candidate: false);
            }

            chosen = ClusterInterval.PairedDifference(
                [.. sums.Select(s => s.BaselineNumerator)], [.. sums.Select(s => s.BaselineWeight)],
                [.. sums.Select(s => s.CandidateNumerator)], [.. sums.Select(s => s.CandidateWeight)],
                bootstrap.Confidence, bootstrap.Resamples, bootstrap.Seed, bootstrap.LargeSampleClusters);
            clusters = sums.Count;

            // The p-value ranks, per cluster with a value in both runs, the change of its own ratio.
            var both = sums.Where(s => s.BaselineWeight > 0 && s.CandidateWeight > 0).ToArray();
            if (both.Length > 0)
            {
                Alternative worse = check.Check.Direction == ThresholdDirection.Max ? Alternative.Greater : Alternative.Less;
                pValue = WilcoxonSignedRank.Test([.. both.Select(s => s.CandidateNumerator / s.CandidateWeight)], [.. both.Select(s => s.BaselineNumerator / s.BaselineWeight)], worse).PValue;
            }

            var baselineIds = before.Values.Select(v => v.PairId).ToHashSet(StringComparer.Ordinal);
            int common = check.Values.Count(v => baselineIds.Contains(v.PairId));
            int onlyOne = check.Values.Count + before.Values.Count - (2 * common);
            note = onlyOne == 0 ? null : $"{onlyOne} pair(s) with a value in only one run count in that run's estimate only";
        }
        else
        {
            (double[] candidateNumerators, double[] candidateWeights) = ClusterSums(check.Values);
            (double[] baselineNumerators, double[] baselineWeights) = ClusterSums(before.Values);
            chosen = ClusterInterval.IndependentDifference(baselineNumerators, baselineWeights, candidateNumerators, candidateWeights, bootstrap.Confidence, bootstrap.Resamples, bootstrap.Seed, bootstrap.LargeSampleClusters);
            clusters = candidateWeights.Length + baselineWeights.Length;
            note = $"unpaired: difference of the pooled estimates; {baselineWeights.Length} baseline and {candidateWeights.Length} candidate clusters resampled independently";
        }

        Interval interval = chosen.Interval;
        if (interval.IsUndefined)
        {
            return NoData("no bootstrap resample had a value in both runs; no interval for the change", before.Values.Count, baselineEstimate, candidateEstimate) with
            {
                Change = interval.Estimate,
                ResampledUnit = Unit(check.Values.Concat(before.Values)),
                Clusters = clusters,
                IntervalMethod = chosen.Method,
            };
        }

        // A percentile interval can, rarely, miss its own estimate; widen it to reach it, as the checks do.
        double low = Math.Min(interval.Low, interval.Estimate), high = Math.Max(interval.High, interval.Estimate);
        double limit = check.Check.Direction == ThresholdDirection.Max ? check.Check.RegressionTolerance : -check.Check.RegressionTolerance;
        Verdict verdict = PolicyEvaluator.Evaluate(limit, check.Check.Direction, new CheckEstimate(interval.Estimate, low, high));
        return new RegressionResult(check.Model, baselineModel, check.ArtifactType, check.Check, check.Values.Count, before.Values.Count, baselineEstimate, candidateEstimate, interval.Estimate, low, high, pValue, verdict, note)
        {
            ResampledUnit = Unit(check.Values.Concat(before.Values)),
            Clusters = clusters,
            IntervalMethod = chosen.Method,
        };
    }

    /// <summary>The check's pooled estimate over these pairs, sum(reliance × weight) / sum(weight), as the run's summary gives it; NaN for none.</summary>
    public static double PooledEstimate(IEnumerable<CheckPairValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        (double[] numerators, double[] weights) = ClusterSums(values);
        double n = 0, w = 0;
        for (int i = 0; i < numerators.Length; i++)
        {
            n += numerators[i];
            w += weights[i];
        }

        return w > 0 ? n / w : double.NaN;
    }

    /// <summary>Per cluster (subject, or the pair without one), in order of first appearance, the sums of reliance × weight and of weight.</summary>
    private static (double[] Numerators, double[] Weights) ClusterSums(IEnumerable<CheckPairValue> values)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var numerators = new List<double>();
        var weights = new List<double>();
        foreach (CheckPairValue v in values)
        {
            string key = ClusterKey(v);
            if (!index.TryGetValue(key, out int c))
            {
                c = index.Count;
                index.Add(key, c);
                numerators.Add(0);
                weights.Add(0);
            }

            numerators[c] += v.Reliance * v.Weight;
            weights[c] += v.Weight;
        }

        return ([.. numerators], [.. weights]);
    }

    // Prefixed so a subject named like a pair id is still another cluster, as in the run's own statistics.
    private static string ClusterKey(CheckPairValue v) => ResamplingClusters.Key(v.SubjectId, v.PairId);

    private static string Unit(IEnumerable<CheckPairValue> values)
    {
        CheckPairValue[] all = [.. values];
        return ResamplingClusters.Unit(all.Length, all.Count(v => v.SubjectId is null));
    }
}
