namespace AuditHarness.Core.Policies;

/// <summary>Facts about <see cref="MetricKind"/> values that validation and reports need.</summary>
public static class MetricKinds
{
    /// <summary>True for the metrics measured at one tapped layer, which need a check's <c>layer</c>.</summary>
    public static bool IsLayerMetric(this MetricKind metric)
        => metric is MetricKind.LayerRelativeChange or MetricKind.LayerInsideShare;

    /// <summary>
    /// True for metrics that are differences of shares or of scores in [0, 1], so their values and any sensible
    /// threshold lie in [-1, 1]. The relative layer change is unbounded above.
    /// </summary>
    public static bool IsBoundedByOne(this MetricKind metric) => metric != MetricKind.LayerRelativeChange;
}
