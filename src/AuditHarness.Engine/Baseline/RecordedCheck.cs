using AuditHarness.Core.Policies;
using AuditHarness.Results;

namespace AuditHarness.Engine.Baseline;

/// <summary>One check of one model on one artifact type, with the per-cluster sums of the pair values its statistics used.</summary>
public sealed record RecordedCheck(string Model, string ArtifactType, PolicyCheck Check, CheckClusterSums Sums)
{
    /// <summary>A check from its per-pair values (held only while they are summed).</summary>
    public RecordedCheck(string model, string artifactType, PolicyCheck check, IEnumerable<CheckPairValue> values)
        : this(model, artifactType, check, CheckClusterSums.Of(values))
    {
    }
}
