using AuditHarness.Core.Policies;

namespace AuditHarness.Engine;

/// <summary>
/// The immutable result of one audit run, which every exporter reads and none recomputes. The run is broken
/// when any model's error rate exceeds the spec's maximum; otherwise its verdict is the worst model's.
/// </summary>
public sealed record AuditSummary(string AuditName, string OutputFolder, double MaxErrorRate, IReadOnlyList<ModelAuditSummary> Models)
{
    public Verdict Verdict => PolicyEvaluator.Overall(Models.Select(m => m.Verdict));

    public bool IsBroken => Models.Any(m => m.ErrorRate > MaxErrorRate);
}
