namespace AuditHarness.Core.Specs;

/// <summary>
/// Pairs listed in a manifest CSV with columns <c>pair_id, image, counterfactual, mask, artifact_type</c>
/// (optionally <c>label, subject_id</c>); paths in it are relative to the manifest's folder.
/// </summary>
/// <param name="Manifest">The manifest CSV.</param>
public sealed record ManifestDataset(SpecPath Manifest) : DatasetSource
{
    /// <summary>Columns every manifest must have: the placebo needs the mask even when the masked image is given.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = ["pair_id", "image", "mask", "artifact_type"];

    /// <summary>Masks drawn from annotation files: a labels folder or COCO file and the artifact classes.</summary>
    public MaskAnnotations Annotations { get; init; } = MaskAnnotations.None;

    /// <summary>The column holding the given masked image or true counterfactual.</summary>
    public const string CounterfactualColumn = "counterfactual";
}
