using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;

namespace AuditHarness.Results;

/// <summary>
/// The immutable result of one audit run, which every exporter reads and none recomputes. The run is broken
/// when any model's error rate exceeds the spec's maximum; otherwise its verdict is the worst model's, or the
/// worst regression check's when the run was compared with a baseline.
/// </summary>
public sealed record AuditSummary(string AuditName, string OutputFolder, double MaxErrorRate, IReadOnlyList<ModelAuditSummary> Models)
{
    /// <summary>Hashes, settings and environment captured at the run's start; null for a summary not made by a run.</summary>
    public AuditProvenance? Provenance { get; init; }

    /// <summary>The worst verdict of the audited models (reference models are controls and decide nothing) and of the baseline comparison.</summary>
    public Verdict Verdict => PolicyEvaluator.Overall(Models.Where(m => m.Role == ModelRole.Audited).Select(m => m.Verdict).Concat(Baseline is null ? [] : [Baseline.Verdict]));

    public bool IsBroken => Models.Any(m => m.ErrorRate > MaxErrorRate);

    /// <summary>The bootstrap behind the intervals (recorded so a later comparison uses the same settings); null when unknown.</summary>
    public BootstrapSettings? Bootstrap { get; init; }

    /// <summary>The regression checks against a baseline run; null when the run was not compared with one.</summary>
    public BaselineComparison? Baseline { get; init; }

    /// <summary>Earlier runs under the same output root, oldest first, this run last; empty outside scheduled run folders.</summary>
    public IReadOnlyList<RunHistoryEntry> History { get; init; } = [];

    /// <summary>
    /// The run's id as the report and <c>summary.md</c> name it: the scheduled run folder's name
    /// (<c>&lt;yyyyMMddTHHmmssZ&gt;_&lt;8 hex&gt;</c>), else derived from the run's start and inputs; empty outside a run.
    /// </summary>
    public string RunId { get; init; } = string.Empty;

    /// <summary>Pairs per artifact type and label and their subjects, for the report's dataset description; null outside a run.</summary>
    public DatasetComposition? Dataset { get; init; }

    /// <summary>For every audited model that <c>ablate</c> made from another audited model: what the ablation did; empty otherwise.</summary>
    public IReadOnlyList<AblationAudit> Ablations { get; init; } = [];
}
