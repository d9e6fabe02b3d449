namespace AuditHarness.Core.Comparison;

/// <summary>
/// Summary of one variant's detection changes against the original. Means and rates over no detections are NaN
/// (undefined, not zero) so that dataset statistics leave such pairs out instead of counting them as "no change".
/// </summary>
/// <param name="OriginalCount">Number of original detections.</param>
/// <param name="MeanScoreDelta">Mean <see cref="DetectionChange.ScoreDelta"/> over all original detections (negative = scores dropped).</param>
/// <param name="OffArtifactCount">Original detections not on the artifact.</param>
/// <param name="MeanScoreDeltaOffArtifact">Mean score delta over the off-artifact detections only.</param>
/// <param name="Flips">Original detections matched to another class.</param>
/// <param name="Lost">Original detections left unmatched.</param>
/// <param name="New">Variant detections matched to no original detection.</param>
/// <param name="OnArtifact">Original detections on the artifact.</param>
public sealed record PredictionDelta(
    int OriginalCount,
    double MeanScoreDelta,
    int OffArtifactCount,
    double MeanScoreDeltaOffArtifact,
    int Flips,
    int Lost,
    int New,
    int OnArtifact)
{
    /// <summary>Flips per original detection; NaN without original detections.</summary>
    public double FlipRate => OriginalCount == 0 ? double.NaN : (double)Flips / OriginalCount;

    /// <summary>Lost detections per original detection; NaN without original detections.</summary>
    public double LostRate => OriginalCount == 0 ? double.NaN : (double)Lost / OriginalCount;

    public static PredictionDelta From(DetectionMatching matching)
    {
        ArgumentNullException.ThrowIfNull(matching);

        double sum = 0, sumOff = 0;
        int off = 0, flips = 0, lost = 0, onArtifact = 0;
        foreach (DetectionChange change in matching.Changes)
        {
            sum += change.ScoreDelta;
            if (change.OnArtifact)
            {
                onArtifact++;
            }
            else
            {
                off++;
                sumOff += change.ScoreDelta;
            }

            flips += change.Flipped ? 1 : 0;
            lost += change.Lost ? 1 : 0;
        }

        int count = matching.Changes.Count;
        return new PredictionDelta(
            count,
            count == 0 ? double.NaN : sum / count,
            off,
            off == 0 ? double.NaN : sumOff / off,
            flips,
            lost,
            matching.NewDetections.Count,
            onArtifact);
    }
}
