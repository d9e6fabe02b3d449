using System.Security.Cryptography;
using System.Text;
using AuditHarness.Core.Specs;

namespace AuditHarness.Engine.Provenance;

/// <summary>
/// What a run audited and how, captured at its start so the report's cover and method section read it from the
/// frozen summary: the models' and the dataset's SHA-256, the pair count, the policy, the masking, placebo,
/// prediction and bootstrap settings, and the environment.
/// </summary>
/// <param name="DatasetSha256">
/// For a manifest dataset the manifest file's SHA-256; for an insertion dataset the SHA-256 of a
/// <c>sha256sum</c>-style listing of its originals (one <c>hash  name</c> line each, names sorted ordinally),
/// so either way one value changes when any listed input does.
/// </param>
/// <param name="PairCount">Pairs in the dataset, including manifest rows that could not become pairs.</param>
/// <param name="StartedUtc">When the run started (UTC, whole seconds): the report's date.</param>
public sealed record AuditProvenance(
    DateTime StartedUtc,
    string PolicyName,
    string DatasetKind,
    string DatasetPath,
    string DatasetSha256,
    int PairCount,
    IReadOnlyList<ModelFingerprint> Models,
    MaskingSettings Masking,
    PlaceboSettings Placebo,
    PredictionSettings Prediction,
    BootstrapSettings Bootstrap,
    RunEnvironment Environment)
{
    /// <summary>Hashes the spec's models and dataset and records the settings; <paramref name="pairCount"/> comes from the pairs the run read.</summary>
    public static AuditProvenance Capture(AuditSpec spec, int pairCount, DateTime? startedUtc = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        DateTime started = startedUtc ?? NowToTheSecond();
        ModelFingerprint[] models = [.. spec.Models.Select(m => new ModelFingerprint(m.Name, Path.GetFileName(m.Path.FullPath), FileDigest.Compute(m.Path.FullPath).Sha256))];
        (string kind, string path, string sha256) = spec.Dataset switch
        {
            ManifestDataset manifest => ("manifest", manifest.Manifest.Text, FileDigest.Compute(manifest.Manifest.FullPath).Sha256),
            InsertionDataset insertion => ("insertion", insertion.Originals.Text, ListingSha256(insertion)),
            _ => throw new ArgumentException($"Unknown dataset kind {spec.Dataset.GetType().Name}.", nameof(spec)),
        };
        return new AuditProvenance(started, spec.Policy.Policy.Name, kind, path, sha256, pairCount, models, spec.Masking, spec.Placebo, spec.Prediction, spec.Bootstrap, RunEnvironment.Capture());
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

    private static string ListingSha256(InsertionDataset insertion)
    {
        var listing = new StringBuilder();
        foreach (string original in Core.Inputs.ImageSource.Expand(insertion.Originals.FullPath).Order(StringComparer.Ordinal))
        {
            listing.Append(FileDigest.Compute(original).Sha256).Append("  ").Append(Path.GetFileName(original)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing.ToString())));
    }
}
