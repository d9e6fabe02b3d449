using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Results;

namespace AuditHarness.Engine.Summary;

/// <summary>
/// Labels the score-shift checks of a model whose head showed no per-anchor class scores: their numbers are matched
/// detection scores, so the check's note says so (summary.csv, summary.json, junit and the report carry the note).
/// </summary>
public static class ScoreSourceNote
{
    public const string MatchedFallback =
        "score source: matched detection score (the model's per-anchor class scores could not be found in its graph; a class flip can hide a drop)";

    public static IReadOnlyList<CheckResult> Apply(IReadOnlyList<CheckResult> checks, ScoreSource source)
    {
        ArgumentNullException.ThrowIfNull(checks);
        if (source == ScoreSource.AnchorClassScore)
        {
            return checks;
        }

        return [.. checks.Select(c => c.Check.Metric == MetricKind.ScoreShift
            ? c with { Note = string.IsNullOrEmpty(c.Note) ? MatchedFallback : $"{c.Note}; {MatchedFallback}" }
            : c)];
    }
}
