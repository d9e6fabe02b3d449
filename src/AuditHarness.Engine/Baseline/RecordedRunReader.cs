using System.Text.Json;
using AuditHarness.Core.Errors;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Core.Specs.Validation;
using AuditHarness.Engine.Provenance;
using AuditHarness.Results;

namespace AuditHarness.Engine.Baseline;

/// <summary>
/// Reads a finished run folder back for a comparison: models and checks from <c>summary.json</c>, the per-pair
/// values from <c>pair-metrics.csv</c>, model and dataset SHA-256s from <c>run-manifest.json</c> (when present).
/// Anything missing or malformed is an <see cref="AuditInputException"/> naming the file.
/// </summary>
public static class RecordedRunReader
{
    public const string SummaryFileName = "summary.json";

    public static RecordedRun Read(string runFolder)
    {
        ArgumentNullException.ThrowIfNull(runFolder);
        string folder = Path.GetFullPath(runFolder);
        if (!Directory.Exists(folder))
        {
            throw new AuditInputException($"Run folder '{runFolder}' {(File.Exists(folder) ? "is a file" : "does not exist")}; expected the output folder of a finished run (with {SummaryFileName} and {PairMetricsFile.FileName}).");
        }

        IReadOnlyDictionary<(string Model, string Type, string Check), CheckClusterSums> sums = PairMetricsFile.ReadSums(folder);
        RunManifest? manifest = File.Exists(Path.Combine(folder, RunManifest.FileName)) ? RunManifestJson.Read(Path.Combine(folder, RunManifest.FileName)) : null;
        if (manifest is { IsSealed: false })
        {
            throw new AuditInputException($"Run folder '{runFolder}' is not sealed: {manifest.FailedExports[0].File} could not be written ({manifest.FailedExports[0].Error}); finish it with 'run SPEC --resume {runFolder}' first.");
        }

        string summaryPath = Path.Combine(folder, SummaryFileName);
        if (!File.Exists(summaryPath))
        {
            throw new AuditInputException($"Run folder '{runFolder}' has no {SummaryFileName}; expected a folder written by 'run' when it completed.");
        }

        try
        {
            using FileStream stream = File.OpenRead(summaryPath);
            using JsonDocument document = JsonDocument.Parse(stream);
            JsonElement root = document.RootElement;
            var models = new List<RecordedModel>();
            var checks = new List<RecordedCheck>();
            foreach (JsonElement model in root.GetProperty("models").EnumerateArray())
            {
                string name = model.GetProperty("model").GetString()!;
                string path = model.GetProperty("modelPath").GetString()!;
                models.Add(new RecordedModel(name, path, ModelSha256(manifest, path)));
                foreach (JsonElement check in model.GetProperty("checks").EnumerateArray())
                {
                    string type = check.GetProperty("artifactType").GetString()!;
                    PolicyCheck policyCheck = ReadCheck(check.GetProperty("check"));
                    checks.Add(new RecordedCheck(name, type, policyCheck, sums.GetValueOrDefault((name, type, policyCheck.Id)) ?? CheckClusterSums.Of([])));
                }
            }

            BootstrapSettings? bootstrap = root.TryGetProperty("bootstrap", out JsonElement b) && b.ValueKind == JsonValueKind.Object
                ? new BootstrapSettings(b.GetProperty("resamples").GetInt32(), b.GetProperty("seed").GetInt32(), b.GetProperty("confidence").GetDouble())
                {
                    // Summaries written before the setting leave it out: the default threshold, as a spec without it.
                    LargeSampleClusters = b.TryGetProperty("largeSampleClusters", out JsonElement large) && large.ValueKind == JsonValueKind.Number && large.GetInt32() > 0
                        ? large.GetInt32()
                        : Core.Statistics.ClusterInterval.DefaultLargeSampleClusters,
                }
                : null;
            string? digest = manifest is null ? null : manifest.DatasetDigest ?? InlineDatasetDigest(manifest);
            return new RecordedRun(folder, root.GetProperty("auditName").GetString()!, digest, models, checks, bootstrap)
            {
                MaxErrorRate = root.TryGetProperty("maxErrorRate", out JsonElement rate) && rate.ValueKind == JsonValueKind.Number ? rate.GetDouble() : double.NaN,
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or NullReferenceException)
        {
            throw new AuditInputException($"'{summaryPath}' is not a readable {SummaryFileName}: {ex.Message}", ex);
        }
    }

    private static PolicyCheck ReadCheck(JsonElement check)
    {
        string metricName = check.GetProperty("metric").GetString()!;
        string directionName = check.GetProperty("direction").GetString()!;
        if (!SpecEnum.TryParse(metricName, out MetricKind metric) || !SpecEnum.TryParse(directionName, out ThresholdDirection direction))
        {
            throw new FormatException($"check metric '{metricName}' or direction '{directionName}' is unknown.");
        }

        return new PolicyCheck(
            check.GetProperty("id").GetString()!,
            metric,
            [.. check.GetProperty("artifactTypes").EnumerateArray().Select(t => t.GetString()!)],
            check.GetProperty("layer").GetString(),
            check.GetProperty("threshold").GetDouble(),
            direction,
            check.GetProperty("description").GetString())
        {
            // Summaries written before regression support have no tolerance: 0, the policy default.
            RegressionTolerance = check.TryGetProperty("regressionTolerance", out JsonElement t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : 0.0,
        };
    }

    /// <summary>A schema-1 manifest lists the pairs' files inline: their digest by the same definition as <c>inputs.csv</c>'s.</summary>
    private static string InlineDatasetDigest(RunManifest manifest) =>
        DatasetDigest.Of(manifest.Inputs.Where(i => i.Roles.Any(PairRoles.Contains)).Select(i => i.Fingerprint?.Sha256));

    private static readonly HashSet<string> PairRoles = new(["image", "mask", "counterfactual", "original"], StringComparer.Ordinal);

    private static string? ModelSha256(RunManifest? manifest, string modelPath)
    {
        if (manifest is null)
        {
            return null;
        }

        string full = Path.GetFullPath(modelPath);
        return manifest.Inputs
            .Where(i => i.Roles.Contains("model") && Path.GetFullPath(Path.Combine(manifest.InputBase, i.Path)) == full)
            .Select(i => i.Fingerprint?.Sha256)
            .FirstOrDefault();
    }
}
