using AuditHarness.Core.Comparison;
using AuditHarness.Results;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// What one pair contributed to one model's audit, reduced to numbers as soon as the pair was done (its images
/// and activations are gone): the artifact variant's and the placebo's prediction deltas and layer changes.
/// With several placebos per pair, <see cref="Placebos"/> holds each and the metrics average over them.
/// </summary>
/// <remarks>
/// <see cref="SubjectId"/> is the manifest's <c>subject_id</c> (the patient or lesion the image shows): the statistics
/// resample subjects, so pairs of one subject count once. Null for a manifest row without one and for an insertion pair
/// (each is its own clean image, so its own cluster). A journal written before it existed reads back as null.
/// </remarks>
public sealed record PairOutcome(
    string PairId,
    string ArtifactType,
    PredictionDelta Artifact,
    IReadOnlyList<PredictionDelta> Placebos,
    IReadOnlyList<LayerChange> ArtifactLayers,
    IReadOnlyList<IReadOnlyList<LayerChange>> PlaceboLayers)
{
    /// <summary>The subject the pair's image shows, from the manifest's <c>subject_id</c>; null when the pair has none.</summary>
    public string? SubjectId { get; init; }

    /// <summary>The pair whose image hosted a transplanted placebo; null for a shifted placebo or none (and absent from journals then).</summary>
    public string? PlaceboHost { get; init; }

    /// <summary>Which control the placebo effects come from: none, shifted or transplant.</summary>
    public string PlaceboControl => Placebos.Count == 0 ? PlaceboControls.None : PlaceboHost is null ? PlaceboControls.Shifted : PlaceboControls.Transplant;

    /// <summary>Where the model's class-conditional score drops were read (the same for every pair of a model).</summary>
    public ScoreSource ScoreSource { get; init; } = ScoreSource.AnchorClassScore;
}
