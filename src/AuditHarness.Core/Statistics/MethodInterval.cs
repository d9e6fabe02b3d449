namespace AuditHarness.Core.Statistics;

/// <summary>An interval with the method that gave it, so outputs can say which one each interval is.</summary>
public readonly record struct MethodInterval(Interval Interval, IntervalMethod Method);
