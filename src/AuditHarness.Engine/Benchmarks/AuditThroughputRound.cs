namespace AuditHarness.Engine.Benchmarks;

/// <summary>One round of <see cref="AuditThroughputBenchmark"/>, its three timings taken back to back.</summary>
/// <param name="Round">1-based.</param>
/// <param name="Sequential">The bare passes on one session with one thread per core, one after another.</param>
/// <param name="Parallel">The bare passes on one single-threaded session from several workers.</param>
/// <param name="Audit">The whole audit, as <c>run</c> does it.</param>
public sealed record AuditThroughputRound(int Round, ThroughputMeasurement Sequential, ThroughputMeasurement Parallel, ThroughputMeasurement Audit);
