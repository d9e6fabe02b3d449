namespace AuditHarness.Core.Pairs;

/// <summary>
/// One pair of an audit as the logs name it: a manifest row (<see cref="ManifestPair"/>) or a clean original that
/// gets a synthetic artifact drawn onto it (<see cref="InsertionPair"/>). How its images are made depends on the kind.
/// </summary>
/// <param name="PairId">Unique within the audit; names the pair in every log.</param>
/// <param name="Image">The image file the pair starts from (absolute), for messages.</param>
/// <param name="ArtifactType">The artifact's kind, the unit the policy judges (<c>ruler</c>, <c>ink</c>, ...).</param>
/// <param name="Label">The image's class label, when the dataset has one.</param>
public abstract record AuditPair(string PairId, string Image, string ArtifactType, string? Label)
{
    /// <summary>The 1-based manifest data row, for messages and <c>errors.csv</c>; null when the pair has no manifest row.</summary>
    public virtual int? ManifestRow => null;
}
