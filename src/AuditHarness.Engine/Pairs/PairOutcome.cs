using AuditHarness.Core.Comparison;

namespace AuditHarness.Engine.Pairs;

/// <summary>
/// What one pair contributed to one model's audit, reduced to numbers as soon as the pair was done (its images
/// and activations are gone): the artifact variant's and the placebo's prediction deltas and layer changes.
/// With several placebos per pair, <see cref="Placebos"/> holds each and the metrics average over them.
/// </summary>
public sealed record PairOutcome(
    string PairId,
    string ArtifactType,
    PredictionDelta Artifact,
    IReadOnlyList<PredictionDelta> Placebos,
    IReadOnlyList<LayerChange> ArtifactLayers,
    IReadOnlyList<IReadOnlyList<LayerChange>> PlaceboLayers)
{
    /// <summary>Where the model's class-conditional score drops were read (the same for every pair of a model).</summary>
    public ScoreSource ScoreSource { get; init; } = ScoreSource.AnchorClassScore;
}
