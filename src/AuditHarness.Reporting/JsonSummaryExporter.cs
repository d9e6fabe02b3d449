using System.Text.Encodings.Web;
using System.Text.Json;
using AuditHarness.Core.Comparison;
using AuditHarness.Core.IO;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs.Validation;
using AuditHarness.Core.Statistics;
using AuditHarness.Results;

namespace AuditHarness.Reporting;

/// <summary>
/// Writes <c>summary.json</c> (schema in <c>docs/summary.schema.json</c>): the audit's verdict, the broken flag, the
/// provenance (hashes, environment), and per model the pair counts, every field of every check, the top channels and
/// the chart profiles (the report's gallery images are left out). Property names are camelCase
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

    public string OutputFile => FileName;

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
            json.WriteString("verdict", VerdictText.Of(summary.Verdict));
            json.WriteBoolean("broken", summary.IsBroken);
            Number(json, "maxErrorRate", summary.MaxErrorRate);
            WriteProvenance(json, summary.Provenance);
            json.WriteStartArray("models");
            foreach (ModelAuditSummary model in summary.Models)
            {
                WriteModel(json, model);
            }

            json.WriteEndArray();
            WriteBootstrap(json, summary.Bootstrap);
            BaselineJson.Write(json, summary.Baseline);
            AblationJson.Write(json, summary.Ablations);
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
        json.WriteString("verdict", VerdictText.Of(model.Verdict));
        json.WriteString("role", SpecEnum.Name(model.Role));
        json.WriteNumber("pairsAttempted", model.PairsAttempted);
        json.WriteNumber("pairsCompleted", model.PairsCompleted);
        json.WriteNumber("pairsFailed", model.Failures.Count);
        Number(json, "errorRate", model.ErrorRate);
        json.WriteString("scoreSource", model.ScoreSource.Name());
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
                json.WriteString("artifactType", channel.ArtifactType);
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
        json.WriteStartArray("profiles");
        foreach (ArtifactTypeProfile profile in model.Profiles)
        {
            WriteProfile(json, profile);
        }

        json.WriteEndArray();
        WriteTrace(json, model.Trace);
        json.WriteEndObject();
    }

    /// <summary>
    /// The model's causal-tracing result, only when the spec traced (absent otherwise, so untraced runs keep their bytes):
    /// the split, the rows of <c>trace.csv</c> and the ranked channels per artifact type and layer (<c>ablate --from</c> reads them).
    /// </summary>
    private static void WriteTrace(Utf8JsonWriter json, ModelTrace? trace)
    {
        if (trace is null)
        {
            return;
        }

        json.WriteStartObject("trace");
        json.WriteString("splitUnit", trace.SplitUnit);
        json.WriteNumber("selectionPairs", trace.SelectionPairs);
        json.WriteNumber("measurementPairs", trace.MeasurementPairs);
        json.WriteString("scoreSource", trace.ScoreSource.Name());
        json.WriteStartArray("rows");
        foreach (TraceRow row in trace.Rows)
        {
            json.WriteStartObject();
            json.WriteString("artifactType", row.ArtifactType);
            json.WriteString("layer", row.Layer);
            json.WriteString("selection", row.Selection.ToString().ToLowerInvariant());
            json.WriteNumber("k", row.K);
            json.WriteNumber("draw", row.Draw);
            json.WriteNumber("pairs", row.Pairs);
            Number(json, "recoveredShare", row.RecoveredShare);
            Number(json, "ciLow", row.CiLow);
            Number(json, "ciHigh", row.CiHigh);
            json.WriteString("intervalMethod", MethodName(row.IntervalMethod));
            json.WriteNumber("pairsLeftOut", row.PairsLeftOut);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("layers");
        foreach (TraceLayer layer in trace.Layers)
        {
            json.WriteStartObject();
            json.WriteString("artifactType", layer.ArtifactType);
            json.WriteString("layer", layer.Layer);
            json.WriteNumber("channelCount", layer.ChannelCount);
            json.WriteStartArray("rankedChannels");
            foreach (int channel in layer.RankedChannels)
            {
                json.WriteNumberValue(channel);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// What was audited and on what; the run's start time is left out (it is on the PDF's cover) so that two runs of
    /// one spec still write the same summary.json. Null for a summary not made by a run.
    /// </summary>
    private static void WriteProvenance(Utf8JsonWriter json, AuditProvenance? provenance)
    {
        if (provenance is null)
        {
            json.WriteNull("provenance");
            return;
        }

        json.WriteStartObject("provenance");
        json.WriteString("policy", provenance.PolicyName);
        json.WriteString("datasetKind", provenance.DatasetKind);
        json.WriteString("datasetPath", provenance.DatasetPath);
        json.WriteString("datasetSha256", provenance.DatasetSha256);
        if (provenance.DatasetDigest is { } digest)
        {
            json.WriteString("datasetDigest", digest);
        }
        else
        {
            json.WriteNull("datasetDigest");
        }

        json.WriteNumber("pairCount", provenance.PairCount);
        json.WriteStartArray("models");
        foreach (ModelFingerprint model in provenance.Models)
        {
            json.WriteStartObject();
            json.WriteString("model", model.Model);
            json.WriteString("fileName", model.FileName);
            json.WriteString("sha256", model.Sha256);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        RunEnvironment environment = provenance.Environment;
        json.WriteStartObject("environment");
        json.WriteString("operatingSystem", environment.OperatingSystem);
        json.WriteString("cpuModel", environment.CpuModel);
        json.WriteNumber("coreCount", environment.CoreCount);
        json.WriteString("dotnetRuntime", environment.DotnetRuntime);
        json.WriteString("onnxRuntime", environment.OnnxRuntimeVersion);
        json.WriteString("openCv", environment.OpenCvVersion);
        json.WriteString("harnessVersion", environment.HarnessVersion);
        json.WriteString("harnessCommit", environment.HarnessCommit);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The chart numbers of one artifact type; the per-pair values behind the boxes are in pairs.csv.</summary>
    private static void WriteProfile(Utf8JsonWriter json, ArtifactTypeProfile profile)
    {
        json.WriteStartObject();
        json.WriteString("artifactType", profile.ArtifactType);
        json.WriteNumber("pairs", profile.Pairs);
        WriteBox(json, "scoreShiftArtifact", profile.ScoreShiftArtifactBox);
        WriteBox(json, "scoreShiftPlacebo", profile.ScoreShiftPlaceboBox);
        json.WriteStartArray("layers");
        foreach (LayerProfile layer in profile.Layers)
        {
            json.WriteStartObject();
            json.WriteString("tap", layer.Tap);
            WriteInterval(json, "relativeChangeArtifact", layer.RelativeChangeArtifact, layer.RelativeChangeArtifactMethod);
            WriteInterval(json, "relativeChangePlacebo", layer.RelativeChangePlacebo, layer.RelativeChangePlaceboMethod);
            WriteInterval(json, "insideShareExcessArtifact", layer.InsideShareExcessArtifact, layer.InsideShareExcessArtifactMethod);
            WriteInterval(json, "insideShareExcessPlacebo", layer.InsideShareExcessPlacebo, layer.InsideShareExcessPlaceboMethod);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteBox(Utf8JsonWriter json, string name, BoxSummary box)
    {
        json.WriteStartObject(name);
        json.WriteNumber("count", box.Count);
        Number(json, "min", box.Min);
        Number(json, "lowerQuartile", box.LowerQuartile);
        Number(json, "median", box.Median);
        Number(json, "upperQuartile", box.UpperQuartile);
        Number(json, "max", box.Max);
        Number(json, "mean", box.Mean);
        json.WriteEndObject();
    }

    private static void WriteCheck(Utf8JsonWriter json, CheckResult check)
    {
        json.WriteStartObject();
        json.WriteString("model", check.Model);
        json.WriteString("artifactType", check.ArtifactType);
        json.WriteStartObject("check");
        json.WriteString("id", check.Check.Id);
        json.WriteString("metric", check.Check.Metric.Definition().Name);
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
        json.WriteString("onNoData", Core.Specs.Validation.SpecEnum.Name(check.Check.OnNoData));
        json.WriteEndObject();
        json.WriteNumber("pairs", check.Pairs);
        Number(json, "estimate", check.Estimate);
        Number(json, "low", check.Low);
        Number(json, "high", check.High);
        Number(json, "artifactEffect", check.ArtifactEffect);
        Number(json, "placeboEffect", check.PlaceboEffect);
        Number(json, "pValue", check.PValue);
        Number(json, "pValueHolm", check.HolmPValue);
        json.WriteString("resampledUnit", check.ResampledUnit);
        json.WriteNumber("clusters", check.Clusters);
        json.WriteString("intervalMethod", check.Pairs == 0 ? null : MethodName(check.IntervalMethod));
        json.WriteString("verdict", VerdictText.Of(check.Verdict));
        json.WriteString("note", check.Note);
        json.WriteStartObject("placeboControls");
        json.WriteNumber("shifted", check.Controls.Shifted);
        json.WriteNumber("transplant", check.Controls.Transplant);
        json.WriteEndObject();
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
        json.WriteNumber("largeSampleClusters", bootstrap.LargeSampleClusters);
        json.WriteEndObject();
    }

    private static void WriteInterval(Utf8JsonWriter json, string name, Interval interval, IntervalMethod method)
    {
        json.WriteStartObject(name);
        Number(json, "estimate", interval.Estimate);
        Number(json, "low", interval.Low);
        Number(json, "high", interval.High);
        json.WriteString("method", interval.IsUndefined ? null : MethodName(method));
        json.WriteEndObject();
    }

    /// <summary>"bootstrap" or "linearised", the name summary.json gives an interval's method.</summary>
    internal static string MethodName(IntervalMethod method) => SpecEnum.Name(method);

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
