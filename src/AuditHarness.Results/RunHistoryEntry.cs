namespace AuditHarness.Results;

/// <summary>
/// One finished run as <c>history.csv</c> records it: when it finished, its folder name, verdict, models and their
/// SHA-256, pair and check counts, and the key metrics (each check's estimate, keyed <c>model|artifact_type|check</c>).
/// </summary>
public sealed record RunHistoryEntry(
    DateTimeOffset FinishedUtc,
    string Run,
    string AuditName,
    string Verdict,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> ModelSha256,
    int PairsCompleted,
    int PairsFailed,
    int FailedChecks,
    int WarnedChecks,
    int Regressions,
    IReadOnlyDictionary<string, double> KeyMetrics)
{
    /// <summary>The key of one check's estimate in <see cref="KeyMetrics"/>.</summary>
    public static string MetricKey(string model, string artifactType, string checkId) => $"{model}|{artifactType}|{checkId}";
}
