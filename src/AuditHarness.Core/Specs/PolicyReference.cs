using AuditHarness.Core.Policies;

namespace AuditHarness.Core.Specs;

/// <summary>The policy a spec applies, read from its own file or written inline.</summary>
/// <param name="Policy">The policy.</param>
/// <param name="File">The policy file; null when the policy is written inside the spec.</param>
/// <param name="Source">The file that holds the policy as messages name it (the spec itself when inline).</param>
public sealed record PolicyReference(Policy Policy, SpecPath? File, string Source)
{
    public bool IsInline => File is null;
}
