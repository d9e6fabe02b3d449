using AuditHarness.Core.Comparison;

namespace AuditHarness.Results;

/// <summary>
/// The causal-tracing result of one model (the spec's <c>trace</c> section): channels ranked on one half of the pairs,
/// recovered shares measured on the other half, against random channels and region / outside patches.
/// </summary>
/// <param name="Rows">The lines of <c>trace.csv</c> for this model, in file order.</param>
/// <param name="Layers">Per artifact type and traced layer, the ranked channels the selective rows patched.</param>
/// <param name="SplitUnit">What the selection / measurement split was drawn over: "subject" or "pair".</param>
/// <param name="SelectionPairs">Pairs used to rank channels, summed over artifact types.</param>
/// <param name="MeasurementPairs">Pairs the shares were measured on, summed over artifact types (before leaving out pairs without an effect).</param>
/// <param name="ScoreSource">Which score the effect was measured on (the class-conditional anchor score, or the matched detection's score, labelled).</param>
public sealed record ModelTrace(
    IReadOnlyList<TraceRow> Rows,
    IReadOnlyList<TraceLayer> Layers,
    string SplitUnit,
    int SelectionPairs,
    int MeasurementPairs,
    ScoreSource ScoreSource);
