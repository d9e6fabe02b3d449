using AuditHarness.Results;

namespace AuditHarness.Engine.Baseline;

/// <summary>One row of <c>pair-metrics.csv</c>: one pair's values for one model, artifact type and check.</summary>
public sealed record PairMetricsRow(string Model, string ArtifactType, string CheckId, CheckPairValue Value);
