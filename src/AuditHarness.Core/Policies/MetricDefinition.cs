namespace AuditHarness.Core.Policies;

/// <summary>One metric of the <see cref="MetricCatalog"/>: what it is called, what its values mean and how they are judged.</summary>
/// <param name="Kind">The metric.</param>
/// <param name="Name">Its spelling in policy files, schemas and every output (kebab-case, <c>score-shift</c>).</param>
/// <param name="Unit">What the artifact and placebo effects are measured in; the reliance and a check's threshold share it.</param>
/// <param name="RelianceDirection">
/// The side a policy normally bounds: <see cref="ThresholdDirection.Max"/> when more reliance gives a larger value
/// (every metric is signed so: a score drop counts positive), so a check with <c>min</c> asks for at least some effect.
/// </param>
/// <param name="NeedsLayer">Measured at one tapped layer, so a check must name its <c>layer</c> (and only such a check may).</param>
/// <param name="BoundedByOne">Its values, and so any sensible threshold, lie in [-1, 1]; validation rejects a threshold beyond.</param>
/// <param name="Aggregation">How the per-pair values become a check's estimate and intervals.</param>
/// <param name="Glossary">The report's one-sentence explanation, starting with the metric's name in words.</param>
public sealed record MetricDefinition(
    MetricKind Kind,
    string Name,
    string Unit,
    ThresholdDirection RelianceDirection,
    bool NeedsLayer,
    bool BoundedByOne,
    MetricAggregation Aggregation,
    string Glossary);
