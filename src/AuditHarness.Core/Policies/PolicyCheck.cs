namespace AuditHarness.Core.Policies;

/// <summary>One rule of a policy: a metric, the artifact types it covers, and the threshold it must respect.</summary>
/// <param name="Id">Unique within the policy, e.g. <c>ruler-score-shift</c>; names the check in reports and JUnit.</param>
/// <param name="Metric">What is measured.</param>
/// <param name="ArtifactTypes">
/// Artifact types the check applies to; each is judged on its own pairs (the summary is per artifact type) and the
/// check's verdict is the worst of them. <c>*</c>, alone, means every artifact type found in the data.
/// </param>
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
    /// <summary>Stands for every artifact type found in the data.</summary>
    public const string AllArtifactTypes = "*";

    /// <summary>
    /// Against a baseline run, how far the reliance may move in the worse direction (up for a maximum, down for a
    /// minimum) before it is a regression; 0 (the default) makes any change whose whole interval is worse a FAIL.
    /// </summary>
    public double RegressionTolerance { get; init; }

    /// <summary>Why the threshold is where it is (<c>checks[].rationale</c>), printed with the acceptance criteria; null when not given.</summary>
    public string? Rationale { get; init; }

    /// <summary>The verdict when no pair of an artifact type had both effects: INCONCLUSIVE (the default, fails the gate) or WARN.</summary>
    public NoDataVerdict OnNoData { get; init; }

    /// <summary>True when the check judges pairs of <paramref name="artifactType"/>, by name or through <c>*</c>.</summary>
    public bool AppliesTo(string artifactType)
        => ArtifactTypes.Contains(AllArtifactTypes, StringComparer.Ordinal) || ArtifactTypes.Contains(artifactType, StringComparer.Ordinal);
}
