namespace AuditHarness.Results;

/// <summary>
/// One pair's contribution to one check: its artifact and placebo effects and their difference, the reliance the
/// check's estimate, interval and p-value were computed from. Kept so a later run can be compared pair by pair.
/// </summary>
public sealed record CheckPairValue(string PairId, double ArtifactEffect, double PlaceboEffect, double Reliance)
{
    /// <summary>
    /// What the pair's effects are counted over in the check's pooled estimate (sum of reliance × weight / sum of weight):
    /// its original detections (off the artifact for score-shift), or 1 for the layer metrics, a mean over pairs.
    /// </summary>
    public double Weight { get; init; } = 1;

    /// <summary>The manifest's <c>subject_id</c> of the pair, the cluster its statistics resample; null: the pair is its own cluster.</summary>
    public string? SubjectId { get; init; }
}
