namespace AuditHarness.Core.Statistics;

/// <summary>
/// A point estimate with the bounds of its confidence interval. All three are NaN when there was nothing to
/// estimate from (no items, no trials), so a report shows "no data" rather than a misleading number.
/// </summary>
public readonly record struct Interval(double Estimate, double Low, double High)
{
    /// <summary>The interval of an estimate that could not be made.</summary>
    public static Interval Undefined { get; } = new(double.NaN, double.NaN, double.NaN);

    /// <summary>True when any bound is NaN, i.e. the interval says nothing.</summary>
    public bool IsUndefined => double.IsNaN(Estimate) || double.IsNaN(Low) || double.IsNaN(High);

    /// <summary>Closed-interval membership; always false for an undefined interval or a NaN value.</summary>
    public bool Contains(double value) => Low <= value && value <= High;
}
