using AuditHarness.Core.Errors;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Statistics;
using AuditHarness.Results;

namespace AuditHarness.Engine.Baseline;

/// <summary>
/// Compares a candidate run with a baseline run, check by check. Models pair by name, or, when each run has
/// exactly one model, with each other whatever their names. On the same dataset (equal dataset digests, or equal
/// pair ids when a digest is unknown) each check compares pair by pair: d = candidate reliance − baseline reliance
/// over the pairs both have, its mean with a percentile bootstrap interval (the candidate's settings) and the
/// one-sided paired Wilcoxon test of a worsening. On another dataset it refuses, unless asked for an unpaired
/// comparison (difference of means, independent bootstrap, no p-value). The candidate's policy decides direction
/// and tolerance; the verdict follows <see cref="PolicyEvaluator"/> with the tolerance as threshold.
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
        RegressionResult NoData(string note, int pairs, int baselinePairs, double baselineMean, double candidateMean) =>
            new(check.Model, baselineModel, check.ArtifactType, check.Check, pairs, baselinePairs, baselineMean, candidateMean, double.NaN, double.NaN, double.NaN, double.NaN, Verdict.Warn, note);

        double candidateMean = Mean(check.Values.Select(v => v.Reliance));
        if (before is null)
        {
            return NoData($"the baseline has no check '{check.Check.Id}' on '{check.ArtifactType}' for model '{baselineModel}'; no change can be measured", check.Values.Count, 0, double.NaN, candidateMean);
        }

        double baselineMean = Mean(before.Values.Select(v => v.Reliance));
        Interval interval;
        double pValue = double.NaN;
        int pairs;
        string? note = null;
        if (paired)
        {
            var baselineById = before.Values.GroupBy(v => v.PairId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Reliance, StringComparer.Ordinal);
            CheckPairValue[] common = [.. check.Values.Where(v => baselineById.ContainsKey(v.PairId))];
            double[] now = [.. common.Select(v => v.Reliance)];
            double[] then = [.. common.Select(v => baselineById[v.PairId])];
            pairs = common.Length;
            if (pairs == 0 && check.Values.Count == 0 && before.Values.Count == 0)
            {
                // Nothing to compare on either side: no change to report, and the check itself is already INCONCLUSIVE (or WARN, with onNoData: warn) for want of data.
                return new RegressionResult(check.Model, baselineModel, check.ArtifactType, check.Check, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, Verdict.Pass, "no value in either run");
            }

            if (pairs == 0)
            {
                return NoData("no pair has a value in both runs", 0, before.Values.Count, baselineMean, candidateMean);
            }

            double[] change = [.. now.Zip(then, (a, b) => a - b)];
            interval = BootstrapInterval.Mean(change, bootstrap.Confidence, bootstrap.Resamples, bootstrap.Seed);
            Alternative worse = check.Check.Direction == ThresholdDirection.Max ? Alternative.Greater : Alternative.Less;
            pValue = WilcoxonSignedRank.Test(now, then, worse).PValue;
            int left = Math.Max(check.Values.Count, before.Values.Count) - pairs;
            note = left == 0 ? null : $"{left} pair(s) with a value in only one run left out";
        }
        else
        {
            pairs = check.Values.Count;
            if (pairs == 0 || before.Values.Count == 0)
            {
                return NoData("one of the runs has no value for this check", pairs, before.Values.Count, baselineMean, candidateMean);
            }

            interval = DifferenceOfMeansInterval.Compute([.. check.Values.Select(v => v.Reliance)], [.. before.Values.Select(v => v.Reliance)], bootstrap.Confidence, bootstrap.Resamples, bootstrap.Seed);
            note = "unpaired: difference of means of independent samples";
        }

        // A percentile interval can, rarely, miss its own estimate; widen it to reach it, as the checks do.
        double low = Math.Min(interval.Low, interval.Estimate), high = Math.Max(interval.High, interval.Estimate);
        double limit = check.Check.Direction == ThresholdDirection.Max ? check.Check.RegressionTolerance : -check.Check.RegressionTolerance;
        Verdict verdict = PolicyEvaluator.Evaluate(limit, check.Check.Direction, new CheckEstimate(interval.Estimate, low, high));
        return new RegressionResult(check.Model, baselineModel, check.ArtifactType, check.Check, pairs, before.Values.Count, baselineMean, candidateMean, interval.Estimate, low, high, pValue, verdict, note);
    }

    private static double Mean(IEnumerable<double> values)
    {
        double[] all = [.. values];
        return all.Length == 0 ? double.NaN : all.Average();
    }
}
