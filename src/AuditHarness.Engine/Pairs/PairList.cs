using AuditHarness.Core.Pairs;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// The pairs an audit runs, and the manifest rows that could not become pairs (none for an insertion dataset). A
/// manifest's pairs are a <see cref="ManifestPairTable"/>, which builds a pair object per access: code that reads one
/// field of every pair (a merge of a million pairs does, per record) reads it through <see cref="PairIdOf"/> and the like.
/// </summary>
public sealed record PairList(IReadOnlyList<AuditPair> Pairs, IReadOnlyList<ManifestRowProblem> Problems)
{
    /// <summary>The id of pair <paramref name="index"/>.</summary>
    public string PairIdOf(int index) => Pairs is ManifestPairTable table ? table.PairIdOf(index) : Pairs[index].PairId;

    /// <summary>The image pair <paramref name="index"/> starts from.</summary>
    public string ImageOf(int index) => Pairs is ManifestPairTable table ? table.ImageOf(index) : Pairs[index].Image;

    /// <summary>The artifact type of pair <paramref name="index"/>.</summary>
    public string ArtifactTypeOf(int index) => Pairs is ManifestPairTable table ? table.ArtifactTypeOf(index) : Pairs[index].ArtifactType;

    /// <summary>The label of pair <paramref name="index"/>, or null.</summary>
    public string? LabelOf(int index) => Pairs is ManifestPairTable table ? table.LabelOf(index) : Pairs[index].Label;
}
