namespace AuditHarness.Core.Pairs;

/// <summary>
/// A clean original that becomes a pair by drawing a synthetic artifact onto it: the painted image is the pair's
/// original and the clean file is its true counterfactual. <see cref="AuditPair.Image"/> is the clean file.
/// </summary>
public sealed record InsertionPair(string PairId, string Image, string ArtifactType) : AuditPair(PairId, Image, ArtifactType, null);
