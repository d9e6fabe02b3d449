namespace AuditHarness.Core.Policies;

/// <summary>How a metric's per-pair values become a check's numbers.</summary>
public enum MetricAggregation
{
    /// <summary>The mean over pairs of the per-pair reliance, with a percentile bootstrap interval.</summary>
    PairMean,

    /// <summary>
    /// As <see cref="PairMean"/>, and besides, the artifact variant's events pooled over all original detections of the
    /// pairs into one rate with a Wilson interval (a check's <c>artifactRate</c>).
    /// </summary>
    PairMeanAndPooledRate,
}
