using System.Runtime.InteropServices;
using AuditHarness.Core.Specs;
using AuditHarness.Inference.Models;
using AuditHarness.Inference.Onnx;
using AuditHarness.Results;

namespace AuditHarness.Engine.Provenance;

/// <summary>
/// Captures a run's <see cref="AuditProvenance"/> at its start: hashes of the models and the dataset, the settings,
/// and the environment (library versions read from the loaded ONNX Runtime and OpenCV, which is why this lives in
/// Engine and the record itself in Results).
/// </summary>
public static class ProvenanceCapture
{
    /// <summary>Hashes the spec's models and dataset manifest and records the settings; <paramref name="pairCount"/> comes from the pairs the run read.</summary>
    /// <param name="datasetDigest">The digest of the run's <c>inputs.csv</c> (<see cref="DatasetDigest"/>); null hashes every pair's files here to make it.</param>
    public static AuditProvenance Capture(AuditSpec spec, int pairCount, DateTime? startedUtc = null, string? datasetDigest = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        DateTime started = startedUtc ?? NowToTheSecond();
        ModelFingerprint[] models = [.. spec.Models.Select(Fingerprint)];
        string digest = datasetDigest ?? PairInputs.DatasetDigestOf(spec);
        (string kind, string path, string sha256) = spec.Dataset switch
        {
            ManifestDataset manifest => ("manifest", manifest.Manifest.Text, FileDigest.Compute(manifest.Manifest.FullPath).Sha256),
            // The originals are the dataset's only files: their digest is the dataset's SHA-256.
            InsertionDataset insertion => ("insertion", insertion.Originals.Text, digest),
            _ => throw new ArgumentException($"Unknown dataset kind {spec.Dataset.GetType().Name}.", nameof(spec)),
        };
        return new AuditProvenance(started, spec.Policy.Policy.Name, kind, path, sha256, pairCount, models, spec.Masking, spec.Placebo, spec.Prediction, spec.Bootstrap, Environment())
        {
            Description = spec.Description,
            PolicyDescription = spec.Policy.Policy.Description,
            DatasetDescription = spec.DatasetDescription,
            DatasetSynthetic = spec.DatasetSynthetic,
            DatasetDigest = digest,
        };
    }

    // Shown in their own lines of the report's model identification (or too long to print: names), not among the rest.
    private static readonly HashSet<string> IdentifiedKeys = new(StringComparer.Ordinal) { "names", "imgsz", "task" };

    /// <summary>The model's file, hash and what its export says about itself (read from the ONNX metadata, no session).</summary>
    private static ModelFingerprint Fingerprint(AuditedModel model)
    {
        string fileName = Path.GetFileName(model.Path.FullPath);
        YoloMetadata metadata = YoloMetadata.Parse(OnnxModelGraph.Load(model.Path.FullPath).MetadataProps, fileName);
        return new ModelFingerprint(model.Name, fileName, FileDigest.Compute(model.Path.FullPath).Sha256)
        {
            Classes = [.. metadata.Names.OrderBy(kv => kv.Key).Select(kv => kv.Value)],
            InputWidth = metadata.ImageWidth,
            InputHeight = metadata.ImageHeight,
            Task = metadata.Task,
            ExportMetadata = [.. metadata.Raw.Where(kv => !IdentifiedKeys.Contains(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal)],
            ModelCard = model.ModelCard,
        };
    }

    /// <summary>The reproducible-builds variable (seconds since 1970 UTC) that pins the recorded start of a run.</summary>
    public const string SourceDateEpochVariable = "SOURCE_DATE_EPOCH";

    /// <summary>
    /// The clock in UTC, cut to whole seconds (what the report shows and the journal keeps); <c>SOURCE_DATE_EPOCH</c>,
    /// when set, replaces it, so a rerun can reproduce a report byte for byte (reproducible-builds convention).
    /// </summary>
    public static DateTime NowToTheSecond()
    {
        if (long.TryParse(System.Environment.GetEnvironmentVariable(SourceDateEpochVariable), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long epoch)
            && epoch <= 253402300799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime;
        }

        DateTime now = DateTime.UtcNow;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    private const string CpuInfoPath = "/proc/cpuinfo";

    /// <summary>The machine and libraries this process runs on.</summary>
    public static RunEnvironment Environment()
    {
        IReadOnlyDictionary<string, string> tools = ToolVersions.Detect();
        return new RunEnvironment(
            RuntimeInformation.OSDescription + " (" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant() + ")",
            CpuModelFrom(CpuInfoPath),
            System.Environment.ProcessorCount,
            RuntimeInformation.FrameworkDescription,
            tools["onnxruntime"],
            tools["opencv"],
            HarnessBuildInfo.Version,
            HarnessBuildInfo.GitCommit);
    }

    /// <summary>The first <c>model name</c> line of a cpuinfo file; <c>unknown</c> when the file is absent (not Linux) or has none.</summary>
    public static string CpuModelFrom(string cpuInfoPath)
    {
        if (!File.Exists(cpuInfoPath))
        {
            return "unknown";
        }

        try
        {
            foreach (string line in File.ReadLines(cpuInfoPath))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line[..colon].Trim() == "model name")
                {
                    string model = line[(colon + 1)..].Trim();
                    return model.Length > 0 ? model : "unknown";
                }
            }
        }
        catch (IOException)
        {
            // An unreadable cpuinfo does not stop an audit; the report then says it does not know.
        }

        return "unknown";
    }
}
