using AuditHarness.Core.Statistics;

namespace AuditHarness.Results;

/// <summary>
/// One line of <c>trace.csv</c>: the share of the artifact's effect that patching a set of a layer's activations
/// (from the artifact-removed pass into the original's) reproduces, over the measurement pairs of one artifact type.
/// </summary>
/// <param name="K">Channels patched; for <see cref="TraceSelection.Region"/> and <see cref="TraceSelection.Outside"/> the layer's channel count.</param>
/// <param name="Draw">0 for selective, region and outside rows; 1..randomDraws for random rows.</param>
/// <param name="Pairs">Measurement pairs that entered the share (those with an effect).</param>
/// <param name="RecoveredShare">(score(original) - score(original, patched)) / (score(original) - score(artifact removed)), pooled over the pairs.</param>
/// <param name="CiLow">Lower bound of the cluster interval (NaN when it cannot be computed).</param>
/// <param name="CiHigh">Upper bound of the cluster interval (NaN when it cannot be computed).</param>
/// <param name="PairsLeftOut">Measurement pairs left out because the artifact had no effect on them (denominator near zero).</param>
public sealed record TraceRow(
    string Model,
    string ArtifactType,
    string Layer,
    TraceSelection Selection,
    int K,
    int Draw,
    int Pairs,
    double RecoveredShare,
    double CiLow,
    double CiHigh,
    int PairsLeftOut)
{
    /// <summary>How the share's interval was computed (<see cref="ClusterInterval"/>).</summary>
    public IntervalMethod IntervalMethod { get; init; } = IntervalMethod.Bootstrap;
}
