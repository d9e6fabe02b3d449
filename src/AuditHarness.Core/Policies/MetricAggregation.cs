namespace AuditHarness.Core.Policies;

/// <summary>How a metric's per-pair values become a check's estimate; the interval is always the cluster bootstrap's.</summary>
public enum MetricAggregation
{
    /// <summary>The mean over pairs of the per-pair reliance: for per-pair quantities (a layer's activation change).</summary>
    PairMean,

    /// <summary>
    /// Pooled over the original detections, a ratio estimator: (sum of the artifact variant's events or score drops − sum of
    /// the placebo's, each pair's placebos averaged) / sum of the original detections counted. What "at most 2 % of
    /// lesions" means, and the one number every output shows for such a check.
    /// </summary>
    PooledOverDetections,
}
