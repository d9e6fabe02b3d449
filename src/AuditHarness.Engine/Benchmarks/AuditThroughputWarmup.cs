namespace AuditHarness.Engine.Benchmarks;

/// <summary>The warm-up audit of <see cref="AuditThroughputBenchmark"/>: its time, and the work every timed audit repeats.</summary>
/// <param name="Time">The warm-up audit's time (it also JITs the pipeline and brings every image into the file cache).</param>
/// <param name="Pairs">Pairs over all models (each model's pairs attempted).</param>
/// <param name="Passes">Per model, in the order of <c>pairs.csv</c>: the forward passes the audit made (one per row).</param>
public sealed record AuditThroughputWarmup(ThroughputMeasurement Time, int Pairs, IReadOnlyDictionary<string, int> Passes)
{
    /// <summary>Forward passes over all models: what the bare passes repeat each round.</summary>
    public int TotalPasses => Passes.Values.Sum();
}
