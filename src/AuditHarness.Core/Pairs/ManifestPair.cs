namespace AuditHarness.Core.Pairs;

/// <summary>
/// One row of a pair manifest: an image with an artifact, its artifact mask, and optionally the same image
/// without the artifact. Paths are absolute (resolved against the manifest's folder); <see cref="RowNumber"/>
/// is the 1-based data row, for messages.
/// </summary>
public sealed record ManifestPair(
    int RowNumber,
    string PairId,
    string Image,
    string? Counterfactual,
    string Mask,
    string ArtifactType,
    string? Label,
    string? SubjectId) : AuditPair(PairId, Image, ArtifactType, Label)
{
    public override int? ManifestRow => RowNumber;
}
