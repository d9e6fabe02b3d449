namespace AuditHarness.Core.Comparison;

/// <summary>
/// Summary of one variant's detection changes against the original. Means and rates over no detections are NaN
/// (undefined, not zero) so that dataset statistics leave such pairs out instead of counting them as "no change".
/// </summary>
/// <param name="OriginalCount">Number of original detections.</param>
/// <param name="MeanScoreDelta">
/// Mean matched score delta (<see cref="DetectionChange.ScoreDelta"/>: matched variant score minus original score, a
/// lost detection as 0) over all original detections; files write its drop, <c>matched_score_drop</c>.
/// </param>
/// <param name="OffArtifactCount">Original detections not on the artifact.</param>
/// <param name="MeanScoreDeltaOffArtifact">Mean matched score delta over the off-artifact detections only.</param>
/// <param name="Flips">Original detections matched to another class.</param>
/// <param name="Lost">Original detections left unmatched.</param>
/// <param name="New">Variant detections matched to no original detection.</param>
/// <param name="OnArtifact">Original detections on the artifact.</param>
/// <param name="MeanScoreDrop">
/// Mean class-conditional score drop (<see cref="DetectionChange.ClassScoreDrop"/>: the original class's score at the
/// original detection's anchor, original minus variant; positive = the model leaned on what was removed) over the
/// original detections that have one.
/// </param>
/// <param name="ScoreDropCountOffArtifact">Off-artifact original detections with a class-conditional drop: what <paramref name="MeanScoreDropOffArtifact"/> averages.</param>
/// <param name="MeanScoreDropOffArtifact">Mean class-conditional drop over the off-artifact detections: the pair's score-shift effect.</param>
public sealed record PredictionDelta(
    int OriginalCount,
    double MeanScoreDelta,
    int OffArtifactCount,
    double MeanScoreDeltaOffArtifact,
    int Flips,
    int Lost,
    int New,
    int OnArtifact,
    double MeanScoreDrop = double.NaN,
    int ScoreDropCountOffArtifact = 0,
    double MeanScoreDropOffArtifact = double.NaN)
{
    /// <summary>Flips per original detection; NaN without original detections.</summary>
    public double FlipRate => OriginalCount == 0 ? double.NaN : (double)Flips / OriginalCount;

    /// <summary>Lost detections per original detection; NaN without original detections.</summary>
    public double LostRate => OriginalCount == 0 ? double.NaN : (double)Lost / OriginalCount;

    /// <summary>Sum of the class-conditional drops over the off-artifact detections (0 without any), for a rate pooled over detections.</summary>
    public double ScoreDropSumOffArtifact => ScoreDropCountOffArtifact == 0 ? 0 : ScoreDropCountOffArtifact * MeanScoreDropOffArtifact;

    public static PredictionDelta From(DetectionMatching matching)
    {
        ArgumentNullException.ThrowIfNull(matching);

        double sum = 0, sumOff = 0, drops = 0, dropsOff = 0;
        int off = 0, flips = 0, lost = 0, onArtifact = 0, dropCount = 0, dropCountOff = 0;
        foreach (DetectionChange change in matching.Changes)
        {
            sum += change.ScoreDelta;
            bool hasDrop = float.IsFinite(change.ClassScoreDrop);
            if (hasDrop)
            {
                drops += change.ClassScoreDrop;
                dropCount++;
            }

            if (change.OnArtifact)
            {
                onArtifact++;
            }
            else
            {
                off++;
                sumOff += change.ScoreDelta;
                if (hasDrop)
                {
                    dropsOff += change.ClassScoreDrop;
                    dropCountOff++;
                }
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
            onArtifact,
            dropCount == 0 ? double.NaN : drops / dropCount,
            dropCountOff,
            dropCountOff == 0 ? double.NaN : dropsOff / dropCountOff);
    }
}
