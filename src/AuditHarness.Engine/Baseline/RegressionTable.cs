using AuditHarness.Core.IO;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs.Validation;
using AuditHarness.Results;

namespace AuditHarness.Engine.Baseline;

/// <summary><c>regressions.csv</c>: one row per regression check of a comparison with a baseline, full precision, invariant culture.</summary>
public static class RegressionTable
{
    public const string FileName = "regressions.csv";

    public static IReadOnlyList<string> Columns { get; } =
    [
        "model", "baseline_model", "artifact_type", "check", "metric", "layer", "direction", "tolerance", "pairs", "baseline_pairs",
        "resampled_unit", "clusters", "baseline_estimate", "candidate_estimate", "change", "ci_low", "ci_high", "p_value", "verdict", "paired", "baseline_run", "note",
    ];

    public static string Write(BaselineComparison comparison, string folder)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        string path = Path.Combine(folder, FileName);
        using var table = new CsvTableFile(path, Columns);
        foreach (RegressionResult r in comparison.Results)
        {
            var w = table.Writer;
            w.WriteField(r.Model);
            w.WriteField(r.BaselineModel);
            w.WriteField(r.ArtifactType);
            w.WriteField(r.Check.Id);
            w.WriteField(r.Check.Metric.Definition().Name);
            w.WriteField(r.Check.Layer ?? string.Empty);
            w.WriteField(SpecEnum.Name(r.Check.Direction));
            w.WriteNumber(r.Check.RegressionTolerance);
            w.WriteField(r.Pairs, default);
            w.WriteField(r.BaselinePairs, default);
            w.WriteField(r.ResampledUnit);
            w.WriteField(r.Clusters, default);
            w.WriteNumber(r.BaselineEstimate);
            w.WriteNumber(r.CandidateEstimate);
            w.WriteNumber(r.Change);
            w.WriteNumber(r.Low);
            w.WriteNumber(r.High);
            w.WriteNumber(r.PValue);
            w.WriteField(VerdictText.Of(r.Verdict));
            w.WriteFlag(comparison.Paired);
            w.WriteField(comparison.BaselineFolder);
            w.WriteField(r.Note ?? string.Empty);
            w.EndRecord();
        }

        table.Complete();
        return path;
    }
}
