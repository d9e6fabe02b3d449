namespace AuditHarness.Core.Comparison;

/// <summary>Reliance of one pair on the artifact as seen in one tapped layer (artifact effect − placebo effect).</summary>
/// <param name="Tap">Layer name.</param>
/// <param name="RelativeChange">Artifact variant's relative change minus the placebo's.</param>
/// <param name="InsideShareExcess">
/// Artifact variant's inside-share excess (on the artifact region) minus the placebo's (on the placebo patch).
/// </param>
public sealed record LayerReliance(string Tap, double RelativeChange, double InsideShareExcess);
