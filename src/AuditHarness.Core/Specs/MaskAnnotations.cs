namespace AuditHarness.Core.Specs;

/// <summary>
/// Where masks come from when they are drawn from annotation files (<c>dataset.labels</c>, <c>dataset.artifactClasses</c>,
/// <c>dataset.classNames</c>); see <see cref="Annotations.MaskReference"/> for what a manifest's <c>mask</c> cell may name.
/// </summary>
/// <param name="Labels">A folder of YOLO label files (<c>&lt;image name&gt;.txt</c>) or a COCO JSON, for rows whose mask cell is empty; null when none.</param>
/// <param name="ArtifactClasses">The classes drawn into the mask (names or indices); empty when none are named.</param>
/// <param name="ClassNames">A classes.txt or data.yaml giving YOLO class names; null to look beside each label file.</param>
public sealed record MaskAnnotations(SpecPath? Labels, IReadOnlyList<string> ArtifactClasses, SpecPath? ClassNames)
{
    public static MaskAnnotations None { get; } = new(null, [], null);
}
