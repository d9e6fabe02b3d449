namespace AuditHarness.Core.Policies;

/// <summary>
/// A <see cref="MetricKind"/> member's catalog entry, written on the member so that a metric's facts live in one
/// place; <see cref="MetricCatalog"/> reads it. The parameters are those of <see cref="MetricDefinition"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false)]
public sealed class MetricAttribute(
    string unit,
    ThresholdDirection relianceDirection,
    bool needsLayer,
    bool boundedByOne,
    MetricAggregation aggregation,
    string glossary) : Attribute
{
    public string Unit { get; } = unit;

    public ThresholdDirection RelianceDirection { get; } = relianceDirection;

    public bool NeedsLayer { get; } = needsLayer;

    public bool BoundedByOne { get; } = boundedByOne;

    public MetricAggregation Aggregation { get; } = aggregation;

    public string Glossary { get; } = glossary;
}
