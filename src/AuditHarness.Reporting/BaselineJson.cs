using System.Text.Json;
using AuditHarness.Core.Policies;
using AuditHarness.Results;

namespace AuditHarness.Reporting;

/// <summary>The <c>baseline</c> object of <c>summary.json</c>: the regression checks against a baseline run, or null.</summary>
internal static class BaselineJson
{
    public static void Write(Utf8JsonWriter json, BaselineComparison? comparison)
    {
        if (comparison is null)
        {
            json.WriteNull("baseline");
            return;
        }

        json.WriteStartObject("baseline");
        json.WriteString("baselineRun", comparison.BaselineFolder);
        json.WriteString("baselineAuditName", comparison.BaselineAuditName);
        json.WriteString("candidateRun", comparison.CandidateFolder);
        json.WriteBoolean("paired", comparison.Paired);
        json.WriteString("verdict", VerdictText.Of(comparison.Verdict));
        json.WriteStartArray("regressions");
        foreach (RegressionResult r in comparison.Results)
        {
            json.WriteStartObject();
            json.WriteString("model", r.Model);
            json.WriteString("baselineModel", r.BaselineModel);
            json.WriteString("artifactType", r.ArtifactType);
            json.WriteString("checkId", r.Check.Id);
            json.WriteString("metric", r.Check.Metric.Definition().Name);
            json.WriteString("layer", r.Check.Layer);
            json.WriteString("direction", ReportText.Direction(r.Check.Direction));
            JsonSummaryExporter.Number(json, "tolerance", r.Check.RegressionTolerance);
            json.WriteNumber("pairs", r.Pairs);
            json.WriteNumber("baselinePairs", r.BaselinePairs);
            JsonSummaryExporter.Number(json, "baselineEstimate", r.BaselineEstimate);
            JsonSummaryExporter.Number(json, "candidateEstimate", r.CandidateEstimate);
            JsonSummaryExporter.Number(json, "change", r.Change);
            JsonSummaryExporter.Number(json, "low", r.Low);
            JsonSummaryExporter.Number(json, "high", r.High);
            json.WriteString("intervalMethod", double.IsNaN(r.Low) ? null : JsonSummaryExporter.MethodName(r.IntervalMethod));
            JsonSummaryExporter.Number(json, "pValue", r.PValue);
            json.WriteString("verdict", VerdictText.Of(r.Verdict));
            json.WriteString("note", r.Note);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
