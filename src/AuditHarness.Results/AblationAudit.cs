namespace AuditHarness.Results;

/// <summary>
/// What an ablation did, when a run audits both a model and a model <c>ablate</c> made from it (found by the ablated
/// model's metadata naming the source's SHA-256): the reliance before and after, and the cost on artifact-free images.
/// </summary>
/// <param name="SourceModel">The spec name of the source model.</param>
/// <param name="AblatedModel">The spec name of the ablated model.</param>
/// <param name="Layer">The ablated layer, <c>model.N</c>.</param>
/// <param name="Channels">The ablated channels.</param>
/// <param name="Fill">"mean" or "zero", as the ablated model's metadata says.</param>
/// <param name="Reliance">Per check present in both models: the estimate before (source) and after (ablated).</param>
/// <param name="CleanImages">Artifact-free images both models were run on (the artifact-removed variants).</param>
/// <param name="DetectionsChanged">Source detections on those images whose class changed in the ablated model (matched by IoU).</param>
/// <param name="DetectionsLost">Source detections with no match in the ablated model.</param>
/// <param name="DetectionsGained">Ablated-model detections with no match in the source.</param>
/// <param name="MeanScoreDrift">Mean (ablated - source) score over matched detections (NaN when none matched).</param>
public sealed record AblationAudit(
    string SourceModel,
    string AblatedModel,
    string Layer,
    IReadOnlyList<int> Channels,
    string Fill,
    IReadOnlyList<AblationCheckChange> Reliance,
    int CleanImages,
    int SourceDetections,
    int DetectionsChanged,
    int DetectionsLost,
    int DetectionsGained,
    double MeanScoreDrift);
