using AuditHarness.Core.Specs;
using AuditHarness.Results;

namespace AuditHarness.Engine.Pipeline;

/// <summary>The merged run: the spec its shards ran, and the summary built from all their records.</summary>
public sealed record MergeResult(AuditSpec Spec, AuditSummary Summary);
