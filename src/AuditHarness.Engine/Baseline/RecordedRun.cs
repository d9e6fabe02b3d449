using AuditHarness.Core.Specs;

namespace AuditHarness.Engine.Baseline;

/// <summary>
/// What a comparison needs of a finished run, whether it was just run (<see cref="FromSummary"/>) or read back from
/// its folder (<see cref="RecordedRunReader"/>): its models, every check's per-pair values, the pair ids it covered,
/// and the digest of its dataset (null when unknown).
/// </summary>
public sealed record RecordedRun(
    string Folder,
    string AuditName,
    string? DatasetDigest,
    IReadOnlyList<RecordedModel> Models,
    IReadOnlyList<RecordedCheck> Checks,
    BootstrapSettings? Bootstrap)
{
    /// <summary>Every pair id with a value in any check.</summary>
    public IReadOnlySet<string> PairIds { get; } = Checks.SelectMany(c => c.Values.Select(v => v.PairId)).ToHashSet(StringComparer.Ordinal);

    public static RecordedRun FromSummary(AuditSummary summary, string? datasetDigest, Func<string, string?> modelSha256)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(modelSha256);
        return new RecordedRun(
            summary.OutputFolder,
            summary.AuditName,
            datasetDigest,
            [.. summary.Models.Select(m => new RecordedModel(m.Model, m.ModelPath, modelSha256(m.ModelPath)))],
            [.. summary.Models.SelectMany(m => m.Checks).Select(c => new RecordedCheck(c.Model, c.ArtifactType, c.Check, c.PairValues))],
            summary.Bootstrap);
    }
}
