using System.Reflection;
using AuditHarness.Core.Specs.Validation;

namespace AuditHarness.Core.Policies;

/// <summary>
/// Every metric with its facts, in <see cref="MetricKind"/> order: read once from the members' <see cref="MetricAttribute"/>
/// entries. Validation, the summary, the report's glossary and the schema tests take names and facts from here rather
/// than from switches of their own.
/// </summary>
public static class MetricCatalog
{
    private static readonly MetricDefinition[] Definitions = [.. Enum.GetValues<MetricKind>().Select(Read)];

    public static IReadOnlyList<MetricDefinition> All => Definitions;

    /// <summary>The metrics' names as policy files spell them, in catalog order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Definitions.Select(d => d.Name)];

    public static MetricDefinition Definition(this MetricKind metric) =>
        Array.Find(Definitions, d => d.Kind == metric) ?? throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric");

    private static MetricDefinition Read(MetricKind kind)
    {
        MetricAttribute entry = typeof(MetricKind).GetField(kind.ToString(), BindingFlags.Public | BindingFlags.Static)!.GetCustomAttribute<MetricAttribute>()
            ?? throw new InvalidOperationException($"MetricKind.{kind} has no [Metric] catalog entry.");
        return new MetricDefinition(kind, SpecEnum.Name(kind), entry.Unit, entry.RelianceDirection, entry.NeedsLayer, entry.BoundedByOne, entry.Aggregation, entry.Glossary);
    }
}
