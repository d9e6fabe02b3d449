using AuditHarness.Core.Pairs;

namespace AuditHarness.Engine.Pairs;

/// <summary>The pairs an audit runs, and the manifest rows that could not become pairs (none for an insertion dataset).</summary>
public sealed record PairList(IReadOnlyList<AuditPair> Pairs, IReadOnlyList<ManifestRowProblem> Problems);
