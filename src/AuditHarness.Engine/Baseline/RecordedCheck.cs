using AuditHarness.Core.Policies;
using AuditHarness.Results;

namespace AuditHarness.Engine.Baseline;

/// <summary>One check of one model on one artifact type, with the per-pair values its statistics used.</summary>
public sealed record RecordedCheck(string Model, string ArtifactType, PolicyCheck Check, IReadOnlyList<CheckPairValue> Values);
