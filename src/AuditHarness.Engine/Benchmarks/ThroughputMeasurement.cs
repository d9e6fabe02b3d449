namespace AuditHarness.Engine.Benchmarks;

/// <summary>One timed piece of work: wall seconds, CPU seconds of the whole process, and full (gen2) collections.</summary>
public readonly record struct ThroughputMeasurement(double Seconds, double CpuSeconds, int Gen2Collections);
