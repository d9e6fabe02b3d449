namespace AuditHarness.Results;

/// <summary>
/// What the cluster bootstrap draws: a pair's subject (the manifest's <c>subject_id</c>), or the pair itself when it
/// has none. One rule for the checks and the baseline comparison, so both resample the same clusters.
/// </summary>
public static class ResamplingClusters
{
    /// <summary>The cluster of a pair; prefixed so a subject named like a pair id is still another cluster.</summary>
    public static string Key(string? subjectId, string pairId) => subjectId is { } subject ? "s:" + subject : "p:" + pairId;

    /// <summary>
    /// The unit named for <paramref name="pairs"/> pairs of which <paramref name="withoutSubject"/> have no subject:
    /// <see cref="CheckResult.SubjectUnit"/>, <see cref="CheckResult.PairUnit"/> or <see cref="CheckResult.MixedUnit"/>;
    /// <see cref="CheckResult.NoUnit"/> without pairs.
    /// </summary>
    public static string Unit(int pairs, int withoutSubject) =>
        pairs == 0 ? CheckResult.NoUnit
        : withoutSubject == 0 ? CheckResult.SubjectUnit
        : withoutSubject == pairs ? CheckResult.PairUnit
        : CheckResult.MixedUnit;
}
