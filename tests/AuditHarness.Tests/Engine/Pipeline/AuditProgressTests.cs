using AuditHarness.Engine.Pipeline;
using AuditHarness.Tests.Engine;

namespace AuditHarness.Tests.Engine.Pipeline;

[TestClass]
public sealed class AuditProgressTests
{
    [TestMethod]
    public void SpeedAndTimeLeftCountOnlyPairsRunNotPairsTakenFromTheJournal()
    {
        // 40 pairs replayed from the journal at once, then 20 run in 10 s: 2 pairs/s, so the 40 left take 20 s.
        var resumed = new AuditProgress("m", 0, 1, PairsDone: 60, PairsTotal: 100, Failures: 0, Elapsed: TimeSpan.FromSeconds(10), PairsReplayed: 40);

        Assert.AreEqual(2.0, resumed.PairsPerSecond, 1e-12);
        Assert.AreEqual(TimeSpan.FromSeconds(20), resumed.Remaining);
    }

    [TestMethod]
    public void AFreshRunsSpeedIsPairsDoneOverElapsed()
    {
        // 40 of 100 in 10 s: 4 pairs/s, 60 left take 15 s.
        var fresh = new AuditProgress("m", 0, 1, 40, 100, 0, TimeSpan.FromSeconds(10));

        Assert.AreEqual(4.0, fresh.PairsPerSecond, 1e-12);
        Assert.AreEqual(TimeSpan.FromSeconds(15), fresh.Remaining);
    }

    [TestMethod]
    public void NoTimeLeftIsGuessedBeforeThisProcessHasRunAPair()
    {
        var onlyReplayed = new AuditProgress("m", 0, 1, 30, 100, 0, TimeSpan.FromMilliseconds(5), PairsReplayed: 30);

        Assert.IsNull(onlyReplayed.Remaining);
        Assert.AreEqual(0.0, onlyReplayed.PairsPerSecond);
    }
}
