using AuditHarness.Core.Statistics;

namespace AuditHarness.Results;

/// <summary>
/// The numbers behind the report's charts for one model and artifact type, computed by the engine from the
/// per-pair outcomes so that no exporter recomputes a statistic. The rates' chart is drawn from the checks
/// themselves (<see cref="CheckResult"/>), so it shows the very numbers of the check table.
/// </summary>
/// <param name="Pairs">Completed pairs of this type.</param>
/// <param name="ScoreShiftArtifact">Per pair (manifest order), the score drop when the artifact is removed; pairs without a
/// value left out. A bounded sample for the report's points: every value up to the engine's limit (1991), else that many
/// evenly spaced order statistics in ascending order, smallest and largest included (<see cref="OrderStatisticSample"/>);
/// <paramref name="ScoreShiftArtifactBox"/> counts them all.</param>
/// <param name="ScoreShiftPlacebo">Per pair, the score drop of the placebo (mean over placebos); pairs without a placebo
/// left out. Sampled like <paramref name="ScoreShiftArtifact"/>.</param>
/// <param name="ScoreShiftArtifactBox">Box-plot numbers of every pair's artifact score drop (not only the sample).</param>
/// <param name="ScoreShiftPlaceboBox">Box-plot numbers of every pair's placebo score drop.</param>
/// <param name="Layers">One entry per tapped layer, shallow to deep.</param>
public sealed record ArtifactTypeProfile(
    string ArtifactType,
    int Pairs,
    IReadOnlyList<double> ScoreShiftArtifact,
    IReadOnlyList<double> ScoreShiftPlacebo,
    BoxSummary ScoreShiftArtifactBox,
    BoxSummary ScoreShiftPlaceboBox,
    IReadOnlyList<LayerProfile> Layers);
