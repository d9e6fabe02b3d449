namespace AuditHarness.Core.Policies;

/// <summary>A written policy: the checks a model must pass to be accepted. Immutable once read and validated.</summary>
/// <param name="Name">Short name shown in reports.</param>
/// <param name="Description">What the policy is for; optional.</param>
/// <param name="Checks">The checks, in the order reports list them.</param>
public sealed record Policy(string Name, string? Description, IReadOnlyList<PolicyCheck> Checks);
