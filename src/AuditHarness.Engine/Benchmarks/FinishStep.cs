namespace AuditHarness.Engine.Benchmarks;

/// <summary>One step of a merge and finish as seen from outside (<see cref="FinishStepTimeline"/>).</summary>
/// <param name="Name">What the step does.</param>
/// <param name="StartSeconds">When it began (seconds since the process started).</param>
/// <param name="EndSeconds">When its end was seen; null when the process stopped before.</param>
/// <param name="CpuSeconds">CPU time the process spent in the step (all its threads); null when not known.</param>
/// <param name="PeakRssBytes">The largest resident set seen during the step; null where /proc is not available.</param>
public sealed record FinishStep(string Name, double StartSeconds, double? EndSeconds, double? CpuSeconds, long? PeakRssBytes)
{
    public bool Reached => EndSeconds is not null;
}
