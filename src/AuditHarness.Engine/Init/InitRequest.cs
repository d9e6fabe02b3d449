namespace AuditHarness.Engine.Init;

/// <summary>What <c>init</c> is asked for (<see cref="AuditInitializer"/>). Paths as given, relative to the current folder.</summary>
/// <param name="Model">The ONNX model to audit.</param>
/// <param name="Images">The folder of images: artifact-free ones for an insertion audit, else the ones the masks or labels belong to.</param>
/// <param name="Artifact">The artifact type: for insertion one of the types the harness draws; with masks or labels the name the rows get. Null for the default.</param>
/// <param name="Masks">A folder of PNG masks matched to the images by file name; null when none.</param>
/// <param name="Labels">A folder of YOLO label files or a COCO JSON; null when none.</param>
/// <param name="ArtifactClasses">With <paramref name="Labels"/>: the annotation classes that are artifacts (names or indices).</param>
/// <param name="Out">The spec file to write; the policy (and a manifest or logo) go beside it.</param>
/// <param name="Force">Overwrite files that exist.</param>
/// <param name="Logo">For a logo insertion: the logo image; null to draw a starter logo beside the spec.</param>
public sealed record InitRequest(
    string Model,
    string Images,
    string? Artifact,
    string? Masks,
    string? Labels,
    IReadOnlyList<string> ArtifactClasses,
    string Out,
    bool Force,
    string? Logo);
