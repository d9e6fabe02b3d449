namespace AuditHarness.Core.Statistics;

/// <summary>
/// Outcome of <see cref="WilcoxonSignedRank.Test"/>.
/// </summary>
/// <param name="N">Number of non-zero differences, the sample size the test actually used.</param>
/// <param name="WPlus">Sum of the ranks of the positive differences.</param>
/// <param name="WMinus">Sum of the ranks of the negative differences.</param>
/// <param name="Statistic">W+ for a one-sided test; min(W+, W-) for a two-sided one (as scipy reports).</param>
/// <param name="Z">The continuity-corrected standard score of W+ when the normal approximation was used; null for an exact p-value.</param>
/// <param name="PValue">p-value for the chosen alternative; NaN when there is no non-zero difference.</param>
/// <param name="Exact">True when the p-value comes from the exact null distribution.</param>
public sealed record WilcoxonResult(int N, double WPlus, double WMinus, double Statistic, double? Z, double PValue, bool Exact);
