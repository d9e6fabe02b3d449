using AuditHarness.Core.Specs;
using AuditHarness.Engine.Provenance;

namespace AuditHarness.Engine.Journal;

/// <summary>
/// The first line of a run journal: what the journaled results belong to. A resume or a merge compares it with the
/// spec at hand and refuses results of another spec, policy, manifest or model file, or of another shard.
/// </summary>
/// <param name="SchemaVersion">Format of the journal; <see cref="CurrentSchemaVersion"/>.</param>
/// <param name="Spec">Absolute path of the spec file when the run started (where <c>merge</c> loads it from).</param>
/// <param name="SpecSha256">SHA-256 of the spec file.</param>
/// <param name="PolicySha256">SHA-256 of the policy file; null when the policy is written inside the spec.</param>
/// <param name="ManifestSha256">SHA-256 of the pair manifest; null for an insertion dataset.</param>
/// <param name="Models">The spec's models in order, with their files' SHA-256.</param>
/// <param name="Pairs">How many pairs the dataset has (all shards together).</param>
/// <param name="Shard">The part of the pairs this journal covers; null for a whole run.</param>
/// <param name="Started">When the run first started (UTC, whole seconds): the report's date, kept by a resume and taken from the earliest shard by a merge.</param>
public sealed record JournalHeader(
    int SchemaVersion,
    string Spec,
    string SpecSha256,
    string? PolicySha256,
    string? ManifestSha256,
    IReadOnlyList<JournalModel> Models,
    int Pairs,
    ShardSpec? Shard,
    DateTime? Started = null)
{
    /// <summary>
    /// 6: the record is a binary payload (varints, doubles as 8 bytes, selectivities as bfloat16 planes, the
    /// <c>layers.csv</c> rows formatted again from the outcome), deflated and in base64 (5 deflated the record's JSON:
    /// 2.0 times the size on the demo, and selectivities were float32);
    /// 5: a pair record's line is <c>{"pair":P,"model":M,"record":"…"}</c>, the record deflated and in base64 with
    /// float arrays as their bytes (4 wrote the record as plain JSON, selectivities as decimal numbers: 2.3 times the size on the demo);
    /// 4: the journaled CSV rows write a number without value as an empty field (3 wrote <c>NaN</c>), so a resume
    /// across the two would mix both in one file; 3: outcomes carry the class-conditional score drops and their source
    /// (2 had only matched scores); 2: records in pair, then model order (1 had them in model, then pair order).
    /// </summary>
    public const int CurrentSchemaVersion = 6;

    /// <summary>The header of a run of <paramref name="spec"/> over <paramref name="pairs"/> pairs (hashes the spec, policy, manifest and models).</summary>
    public static JournalHeader Describe(AuditSpec spec, int pairs, ShardSpec? shard)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new JournalHeader(
            CurrentSchemaVersion,
            spec.Source.FullPath,
            FileDigest.Compute(spec.Source.FullPath).Sha256,
            spec.Policy.File is { } policy ? FileDigest.Compute(policy.FullPath).Sha256 : null,
            spec.Dataset is ManifestDataset manifest ? FileDigest.Compute(manifest.Manifest.FullPath).Sha256 : null,
            [.. spec.Models.Select(m => new JournalModel(m.Name, FileDigest.Compute(m.Path.FullPath).Sha256))],
            pairs,
            shard);
    }

    /// <summary>
    /// Why results journaled under this header cannot be combined with a run described by <paramref name="other"/>,
    /// or null when they can. The shard is not compared (callers check it for their purpose); the spec's path is not
    /// either, since the same spec file may be reached by another path.
    /// </summary>
    public string? InputMismatch(JournalHeader other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (SchemaVersion != other.SchemaVersion)
        {
            return $"its journal is of format {SchemaVersion} and this harness reads format {other.SchemaVersion} (a run cannot go on across the versions that write them)";
        }

        if (SpecSha256 != other.SpecSha256)
        {
            return $"it was started from another spec ('{Spec}', sha256 {Short(SpecSha256)}; this spec '{other.Spec}' has sha256 {Short(other.SpecSha256)})";
        }

        if (PolicySha256 != other.PolicySha256)
        {
            return $"its policy file changed since (sha256 {Short(PolicySha256)}, now {Short(other.PolicySha256)})";
        }

        if (ManifestSha256 != other.ManifestSha256)
        {
            return $"its pair manifest changed since (sha256 {Short(ManifestSha256)}, now {Short(other.ManifestSha256)})";
        }

        if (Pairs != other.Pairs)
        {
            return $"it was run over {Pairs} pairs; the dataset now has {other.Pairs}";
        }

        if (!Models.SequenceEqual(other.Models))
        {
            return $"its models differ (recorded {Describe(Models)}; now {Describe(other.Models)})";
        }

        return null;
    }

    private static string Short(string? sha256) => sha256 is null ? "none (inline)" : sha256[..Math.Min(12, sha256.Length)] + "…";

    private static string Describe(IReadOnlyList<JournalModel> models) => string.Join(", ", models.Select(m => $"{m.Name} {Short(m.Sha256)}"));
}
