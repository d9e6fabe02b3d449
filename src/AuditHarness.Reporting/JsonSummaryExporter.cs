using System.Text.Encodings.Web;
using System.Text.Json;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.IO;
using AuditHarness.Core.Statistics;
using AuditHarness.Engine;

namespace AuditHarness.Reporting;

/// <summary>
/// Writes <c>summary.json</c> (schema in <c>docs/summary.schema.json</c>): the audit's verdict, the broken flag,
/// and per model the pair counts, every field of every check, and the top channels. Property names are camelCase
/// in a fixed order; numbers are written in their shortest round-trip form, so parsing gives back the same double;
/// a number that is not finite (NaN: no data) is written as <c>null</c>, since JSON has no NaN.
/// </summary>
public sealed class JsonSummaryExporter : IExporter
{
    public const string FileName = "summary.json";

    /// <summary>Bumped when a field is removed or changes meaning; added fields keep the version.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        // The file is data for tools, never embedded in HTML, so model paths and notes stay readable (no \u002B for '+').
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Name => "json";

    public IReadOnlyList<string> Export(AuditSummary summary, string folder)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(folder);

        using AtomicFile file = AtomicFile.Create(Path.Combine(folder, FileName));
        using (var json = new Utf8JsonWriter(file.Stream, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteString("auditName", summary.AuditName);
            json.WriteString("verdict", ReportText.Verdict(summary.Verdict));
            json.WriteBoolean("broken", summary.IsBroken);
            Number(json, "maxErrorRate", summary.MaxErrorRate);
            json.WriteStartArray("models");
            foreach (ModelAuditSummary model in summary.Models)
            {
                WriteModel(json, model);
            }

            json.WriteEndArray();
            WriteBootstrap(json, summary.Bootstrap);
            BaselineJson.Write(json, summary.Baseline);
            json.WriteEndObject();
        }

        file.Stream.WriteByte((byte)'\n');
        file.Commit();
        return [file.DestinationPath];
    }

    private static void WriteModel(Utf8JsonWriter json, ModelAuditSummary model)
    {
        json.WriteStartObject();
        json.WriteString("model", model.Model);
        json.WriteString("modelPath", model.ModelPath);
        json.WriteString("verdict", ReportText.Verdict(model.Verdict));
        json.WriteNumber("pairsAttempted", model.PairsAttempted);
        json.WriteNumber("pairsCompleted", model.PairsCompleted);
        json.WriteNumber("pairsFailed", model.Failures.Count);
        Number(json, "errorRate", model.ErrorRate);
        json.WriteStartArray("checks");
        foreach (CheckResult check in model.Checks)
        {
            WriteCheck(json, check);
        }

        json.WriteEndArray();

        // A dictionary has no order of its own; ordinal by tap name keeps the file byte-stable.
        json.WriteStartObject("topChannels");
        foreach ((string tap, IReadOnlyList<SelectiveChannel> channels) in model.TopChannels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            json.WriteStartArray(tap);
            foreach (SelectiveChannel channel in channels)
            {
                json.WriteStartObject();
                json.WriteString("tap", channel.Tap);
                json.WriteNumber("channel", channel.Channel);
                Number(json, "meanSelectivity", channel.MeanSelectivity);
                Number(json, "maxSelectivity", channel.MaxSelectivity);
                json.WriteNumber("pairs", channel.Pairs);
                json.WriteString("maxPairId", channel.MaxPairId);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteCheck(Utf8JsonWriter json, CheckResult check)
    {
        json.WriteStartObject();
        json.WriteString("model", check.Model);
        json.WriteString("artifactType", check.ArtifactType);
        json.WriteStartObject("check");
        json.WriteString("id", check.Check.Id);
        json.WriteString("metric", ReportText.Metric(check.Check.Metric));
        json.WriteStartArray("artifactTypes");
        foreach (string type in check.Check.ArtifactTypes)
        {
            json.WriteStringValue(type);
        }

        json.WriteEndArray();
        json.WriteString("layer", check.Check.Layer);
        Number(json, "threshold", check.Check.Threshold);
        json.WriteString("direction", ReportText.Direction(check.Check.Direction));
        json.WriteString("description", check.Check.Description);
        Number(json, "regressionTolerance", check.Check.RegressionTolerance);
        json.WriteEndObject();
        json.WriteNumber("pairs", check.Pairs);
        Number(json, "estimate", check.Estimate);
        Number(json, "low", check.Low);
        Number(json, "high", check.High);
        Number(json, "artifactEffect", check.ArtifactEffect);
        Number(json, "placeboEffect", check.PlaceboEffect);
        Number(json, "pValue", check.PValue);
        json.WriteString("verdict", ReportText.Verdict(check.Verdict));
        WriteInterval(json, "artifactRate", check.ArtifactRate);
        json.WriteString("note", check.Note);
        json.WriteEndObject();
    }

    private static void WriteBootstrap(Utf8JsonWriter json, Core.Specs.BootstrapSettings? bootstrap)
    {
        if (bootstrap is null)
        {
            json.WriteNull("bootstrap");
            return;
        }

        json.WriteStartObject("bootstrap");
        json.WriteNumber("resamples", bootstrap.Resamples);
        json.WriteNumber("seed", bootstrap.Seed);
        Number(json, "confidence", bootstrap.Confidence);
        json.WriteEndObject();
    }

    private static void WriteInterval(Utf8JsonWriter json, string name, Interval interval)
    {
        json.WriteStartObject(name);
        Number(json, "estimate", interval.Estimate);
        Number(json, "low", interval.Low);
        Number(json, "high", interval.High);
        json.WriteEndObject();
    }

    internal static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
