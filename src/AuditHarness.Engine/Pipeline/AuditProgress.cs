namespace AuditHarness.Engine.Pipeline;

/// <summary>
/// Where a run is: model, pairs done of the model's total, and the model's elapsed time. Pairs taken from the journal
/// of a resumed run (<see cref="PairsReplayed"/>) count as done but not towards the speed, which they would inflate.
/// </summary>
public readonly record struct AuditProgress(string Model, int ModelIndex, int ModelCount, int PairsDone, int PairsTotal, int Failures, TimeSpan Elapsed, int PairsReplayed = 0)
{
    /// <summary>Pairs run by this process per second of the model's elapsed time.</summary>
    public double PairsPerSecond => Elapsed.TotalSeconds > 0 ? (PairsDone - PairsReplayed) / Elapsed.TotalSeconds : 0;

    /// <summary>The pairs left at the speed so far; null until this process has run a pair.</summary>
    public TimeSpan? Remaining => PairsDone <= PairsReplayed ? null : TimeSpan.FromSeconds(Elapsed.TotalSeconds / (PairsDone - PairsReplayed) * (PairsTotal - PairsDone));
}
