using AuditHarness.Core.Comparison;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;

namespace AuditHarness.Results;

/// <summary>
/// The frozen result of auditing one model: its checks, its verdict, and how many pairs ran or failed.
/// <see cref="TopChannels"/> is keyed by tap; each list holds every artifact type's own ranking in turn (artifact
/// types in ordinal order, each ranked most selective first; see <see cref="SelectiveChannel.ArtifactType"/>).
/// </summary>
public sealed record ModelAuditSummary(
    string Model,
    string ModelPath,
    int PairsAttempted,
    int PairsCompleted,
    IReadOnlyList<PairFailure> Failures,
    IReadOnlyList<CheckResult> Checks,
    IReadOnlyDictionary<string, IReadOnlyList<SelectiveChannel>> TopChannels)
{
    public Verdict Verdict => PolicyEvaluator.Overall(Checks.Select(c => c.Verdict));

    /// <summary>Audited (its verdict decides the audit's) or reference (a control: its verdict is shown, decides nothing).</summary>
    public ModelRole Role { get; init; } = ModelRole.Audited;

    /// <summary>Per artifact type, the numbers behind the report's charts (empty when not computed).</summary>
    public IReadOnlyList<ArtifactTypeProfile> Profiles { get; init; } = [];

    /// <summary>The most affected pairs as small images for the report (empty when not rendered); not part of summary.json.</summary>
    public IReadOnlyList<GalleryPair> Gallery { get; init; } = [];

    /// <summary>
    /// Where the score-shift checks read each detection's score drop: the original class's score at its anchor, or (a
    /// head whose per-anchor class scores could not be found) the matched detection's score, which a class flip can hide.
    /// </summary>
    public ScoreSource ScoreSource { get; init; } = ScoreSource.AnchorClassScore;

    /// <summary>The causal-tracing result (the spec's <c>trace</c> section); null when tracing was not asked for.</summary>
    public ModelTrace? Trace { get; init; }

    /// <summary>Share of attempted pairs that failed (0 when none was attempted).</summary>
    public double ErrorRate => PairsAttempted == 0 ? 0 : (double)Failures.Count / PairsAttempted;
}
