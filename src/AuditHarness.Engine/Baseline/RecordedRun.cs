using AuditHarness.Core.Specs;
using AuditHarness.Engine.Provenance;
using AuditHarness.Results;

namespace AuditHarness.Engine.Baseline;

/// <summary>
/// What a comparison needs of a finished run, whether it was just run (<see cref="FromSummary"/>) or read back from
/// its folder (<see cref="RecordedRunReader"/>): its models, every check's per-cluster sums (<see cref="CheckClusterSums"/>,
/// never the per-pair rows), the pair ids it covered, and the digest of its dataset (null when unknown).
/// </summary>
public sealed record RecordedRun(
    string Folder,
    string AuditName,
    string? DatasetDigest,
    IReadOnlyList<RecordedModel> Models,
    IReadOnlyList<RecordedCheck> Checks,
    BootstrapSettings? Bootstrap)
{
    private IReadOnlySet<string>? _pairIds;

    /// <summary>Every pair id with a value in any check (gathered when first asked: only runs without a dataset digest are compared by it).</summary>
    public IReadOnlySet<string> PairIds => _pairIds ??= Checks.SelectMany(c => c.Sums.PairIds()).ToHashSet(StringComparer.Ordinal);

    /// <summary>The run's maximum pair error rate, when recorded (NaN otherwise).</summary>
    public double MaxErrorRate { get; init; } = double.NaN;

    /// <summary>
    /// What is known of a spec's run before it starts: its models and dataset digest, no checks yet. Enough to refuse
    /// an incomparable baseline before any pair runs. The digest needs every pair file hashed now; with
    /// <paramref name="fingerprints"/> they are kept, so the run's own <c>inputs.csv</c> takes them instead of reading
    /// every file a second time (<see cref="PairInputs.Record"/>). Without <paramref name="withDatasetDigest"/> (an
    /// unpaired comparison, or a baseline that recorded no digest: nothing to compare it with) no file is read.
    /// </summary>
    public static RecordedRun Planned(AuditSpec spec, string folder, FingerprintCache? fingerprints = null, bool withDatasetDigest = true)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new RecordedRun(
            folder,
            spec.Name,
            withDatasetDigest ? PairInputs.DatasetDigestOf(spec, fingerprints) : null,
            [.. spec.Models.Select(m => new RecordedModel(m.Name, m.Path.FullPath, null))],
            [],
            spec.Bootstrap)
        {
            MaxErrorRate = spec.MaxErrorRate,
        };
    }

    /// <summary>
    /// A finished run of <paramref name="spec"/>, from its summary and the <c>pair-metrics.csv</c> it wrote (the summary
    /// holds no per-pair values): the dataset digest its run recorded (computed from the files only for a summary without
    /// one), model SHA-256s computed from the files.
    /// </summary>
    public static RecordedRun FromSummary(AuditSpec spec, AuditSummary summary)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(summary);
        string digest = summary.Provenance?.DatasetDigest ?? PairInputs.DatasetDigestOf(spec);
        return FromSummary(summary, digest, path => File.Exists(path) ? FileDigest.Compute(path).Sha256 : null);
    }

    /// <remarks>
    /// The per-pair values are read back from the run's <c>pair-metrics.csv</c> (its numbers round-trip, so they are the
    /// very doubles the checks used) and summed per cluster as they are read (<see cref="PairMetricsFile.ReadSums"/>).
    /// </remarks>
    public static RecordedRun FromSummary(AuditSummary summary, string? datasetDigest, Func<string, string?> modelSha256)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(modelSha256);
        IReadOnlyDictionary<(string Model, string Type, string Check), CheckClusterSums> sums = PairMetricsFile.ReadSums(summary.OutputFolder);
        return new RecordedRun(
            summary.OutputFolder,
            summary.AuditName,
            datasetDigest,
            [.. summary.Models.Select(m => new RecordedModel(m.Model, m.ModelPath, modelSha256(m.ModelPath)))],
            [.. summary.Models.SelectMany(m => m.Checks).Select(c => new RecordedCheck(c.Model, c.ArtifactType, c.Check, sums.GetValueOrDefault((c.Model, c.ArtifactType, c.Check.Id)) ?? CheckClusterSums.Of([])))],
            summary.Bootstrap)
        {
            MaxErrorRate = summary.MaxErrorRate,
        };
    }
}
