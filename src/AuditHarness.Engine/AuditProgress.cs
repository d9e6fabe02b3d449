namespace AuditHarness.Engine;

/// <summary>Where a run is: model, pairs done of the model's total, and the model's elapsed time.</summary>
public readonly record struct AuditProgress(string Model, int ModelIndex, int ModelCount, int PairsDone, int PairsTotal, int Failures, TimeSpan Elapsed)
{
    public double PairsPerSecond => Elapsed.TotalSeconds > 0 ? PairsDone / Elapsed.TotalSeconds : 0;

    public TimeSpan? Remaining => PairsDone == 0 ? null : TimeSpan.FromSeconds(Elapsed.TotalSeconds / PairsDone * (PairsTotal - PairsDone));
}
