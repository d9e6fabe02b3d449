namespace AuditHarness.Core.Policies;

/// <summary>One rule of a policy: a metric, the artifact types it covers, and the threshold it must respect.</summary>
/// <param name="Id">Unique within the policy, e.g. <c>ruler-score-shift</c>; names the check in reports and JUnit.</param>
/// <param name="Metric">What is measured.</param>
/// <param name="ArtifactTypes">Artifact types whose pairs are pooled for this check; <c>*</c> means all pairs together.</param>
/// <param name="Layer">The tapped layer for layer metrics; null otherwise.</param>
/// <param name="Threshold">The limit, in the metric's unit (rates as fractions: 0.02 is 2 %).</param>
/// <param name="Direction">Whether the threshold is a maximum or a minimum.</param>
/// <param name="Description">One sentence saying what the check means, shown in reports.</param>
public sealed record PolicyCheck(
    string Id,
    MetricKind Metric,
    IReadOnlyList<string> ArtifactTypes,
    string? Layer,
    double Threshold,
    ThresholdDirection Direction,
    string? Description)
{
    /// <summary>The artifact type that pools every pair regardless of type.</summary>
    public const string AllArtifactTypes = "*";

    /// <summary>True when the check covers <paramref name="artifactType"/> by name (not through <c>*</c>).</summary>
    public bool NamesArtifactType(string artifactType) => ArtifactTypes.Contains(artifactType, StringComparer.Ordinal);

    public bool CoversAllArtifactTypes => ArtifactTypes.Contains(AllArtifactTypes, StringComparer.Ordinal);
}
