namespace AuditHarness.Core.Pairs;

/// <summary>The usable pairs of a manifest, in file order, and the rows that could not be used.</summary>
public sealed record PairManifestContents(string Path, IReadOnlyList<ManifestPair> Pairs, IReadOnlyList<ManifestRowProblem> Problems);
