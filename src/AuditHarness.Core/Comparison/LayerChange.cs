namespace AuditHarness.Core.Comparison;

/// <summary>
/// How one tapped layer's activation changed between the original (A) and a variant (B), with D = A − B.
/// See <see cref="ActivationComparison"/> for the definitions and the undefined cases.
/// </summary>
/// <param name="Tap">Name of the tapped layer.</param>
/// <param name="RelativeChange">||D||₂ / ||A||₂.</param>
/// <param name="PooledCosine">Cosine similarity of the per-channel spatial means of A and B.</param>
/// <param name="InsideShare">Share of Σ D² that falls on the artifact region (cells weighted by coverage).</param>
/// <param name="AreaShare">The region's share of the grid, Σw / (H·W).</param>
/// <param name="InsideShareExcess"><paramref name="InsideShare"/> − <paramref name="AreaShare"/>.</param>
/// <param name="ChannelSelectivity">Per channel: mean |D_c| on the region over mean |D_c| off it.</param>
public sealed record LayerChange(
    string Tap,
    double RelativeChange,
    double PooledCosine,
    double InsideShare,
    double AreaShare,
    double InsideShareExcess,
    float[] ChannelSelectivity);
