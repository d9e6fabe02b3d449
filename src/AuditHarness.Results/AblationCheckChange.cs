using AuditHarness.Core.Policies;

namespace AuditHarness.Results;

/// <summary>One check's estimate and verdict in the source model and in the ablated model.</summary>
public sealed record AblationCheckChange(
    string CheckId,
    string ArtifactType,
    double Before,
    double After,
    Verdict VerdictBefore,
    Verdict VerdictAfter);
