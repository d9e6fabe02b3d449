namespace AuditHarness.Engine.Tracing;

/// <summary>One traced layer's patched drops of a pair: Σ (score(original) - score(original, patched)), one per row of the layer's plan.</summary>
public sealed record TraceLayerDrops(string Layer, double[] Drops);
