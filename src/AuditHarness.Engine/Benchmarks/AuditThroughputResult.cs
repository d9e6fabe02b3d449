namespace AuditHarness.Engine.Benchmarks;

/// <summary>
/// What <see cref="AuditThroughputBenchmark"/> measured: the warm-up, every round, and the medians. The baseline is the
/// faster (by median wall time) of the two ways of running the bare passes; the ratio is the audit's median over it.
/// </summary>
public sealed record AuditThroughputResult(AuditThroughputWarmup Warmup, IReadOnlyList<AuditThroughputRound> Rounds)
{
    public double SequentialMedian => Median(Rounds.Select(r => r.Sequential.Seconds));

    public double ParallelMedian => Median(Rounds.Select(r => r.Parallel.Seconds));

    public double AuditMedian => Median(Rounds.Select(r => r.Audit.Seconds));

    /// <summary>Whether the sequential bare passes are the baseline (ties go to them).</summary>
    public bool SequentialFaster => SequentialMedian <= ParallelMedian;

    /// <summary>Median wall seconds of the baseline's bare passes.</summary>
    public double BaselineSeconds => SequentialFaster ? SequentialMedian : ParallelMedian;

    /// <summary>Median CPU seconds of the baseline's bare passes.</summary>
    public double BaselineCpuSeconds => Median(Rounds.Select(r => (SequentialFaster ? r.Sequential : r.Parallel).CpuSeconds));

    public double AuditCpuSeconds => Median(Rounds.Select(r => r.Audit.CpuSeconds));

    /// <summary>Audit over bare forward passes, by median wall time: the goal is at most 1.3.</summary>
    public double Ratio => AuditMedian / BaselineSeconds;

    /// <summary>The same ratio by median CPU time, the steadier figure on a shared machine.</summary>
    public double CpuRatio => AuditCpuSeconds / BaselineCpuSeconds;

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
