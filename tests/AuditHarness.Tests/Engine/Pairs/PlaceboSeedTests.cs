using AuditHarness.Engine.Pairs;

namespace AuditHarness.Tests.Engine.Pairs;

/// <summary>
/// A pair's placebo seed must be the same in every process (shards, resume) and on every platform, so it is a fixed
/// hash of the pair id (64-bit FNV-1a), folded with the spec's seed; never string.GetHashCode, which changes per process.
/// </summary>
[TestClass]
public sealed class PlaceboSeedTests
{
    [TestMethod]
    public void TheSeedIsTheFnv1aHashOfThePairIdFoldedWithTheSpecSeed()
    {
        // Published FNV-1a 64-bit test vectors (ASCII ids: one UTF-16 code unit per byte).
        Assert.AreEqual(Folded(0xcbf29ce484222325UL, 0), PlaceboSeed.Of(string.Empty, 0));
        Assert.AreEqual(Folded(0xaf63dc4c8601ec8cUL, 0), PlaceboSeed.Of("a", 0));
        Assert.AreEqual(Folded(0x85944171f73967e8UL, 7), PlaceboSeed.Of("foobar", 7));
    }

    [TestMethod]
    public void PairsAndSpecSeedsGiveDifferentSeeds()
    {
        Assert.AreNotEqual(PlaceboSeed.Of("p0001", 7), PlaceboSeed.Of("p0002", 7));
        Assert.AreNotEqual(PlaceboSeed.Of("p0001", 7), PlaceboSeed.Of("p0001", 8));
    }

    // The spec seed goes into the low half, then the halves are folded into 32 bits.
    private static int Folded(ulong hash, int specSeed) => unchecked((int)(hash ^ (ulong)specSeed) ^ (int)(hash >> 32));
}
