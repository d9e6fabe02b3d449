using AuditHarness.Core.Policies;
using AuditHarness.Engine.Provenance;

namespace AuditHarness.Engine;

/// <summary>
/// The immutable result of one audit run, which every exporter reads and none recomputes. The run is broken
/// when any model's error rate exceeds the spec's maximum; otherwise its verdict is the worst model's.
/// </summary>
public sealed record AuditSummary(string AuditName, string OutputFolder, double MaxErrorRate, IReadOnlyList<ModelAuditSummary> Models)
{
    /// <summary>Hashes, settings and environment captured at the run's start; null for a summary not made by a run.</summary>
    public AuditProvenance? Provenance { get; init; }

    public Verdict Verdict => PolicyEvaluator.Overall(Models.Select(m => m.Verdict));

    public bool IsBroken => Models.Any(m => m.ErrorRate > MaxErrorRate);
}
