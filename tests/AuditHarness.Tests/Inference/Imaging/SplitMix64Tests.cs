using AuditHarness.Inference.Imaging;

namespace AuditHarness.Tests.Inference.Imaging;

[TestClass]
public sealed class SplitMix64Tests
{
    [TestMethod]
    public void SeedZeroGivesThePublishedReferenceSequence()
    {
        // The first outputs of Vigna's reference splitmix64.c started from x = 0.
        var random = new SplitMix64(0);

        Assert.AreEqual(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.AreEqual(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.AreEqual(0x06C45D188009454FUL, random.NextUInt64());
    }

    [TestMethod]
    public void NextIntTakesTheHighHalfOfTheProductWithTheBound()
    {
        // 0xE220A8397B1DCDAF * 10 >> 64 = floor(0.8833... * 10) = 8.
        var random = new SplitMix64(0);

        Assert.AreEqual(8, random.NextInt(10));
    }

    [TestMethod]
    public void NextIntStaysBelowTheBound()
    {
        var random = new SplitMix64(42);

        for (int i = 0; i < 10_000; i++)
        {
            int value = random.NextInt(7);
            Assert.IsTrue(value is >= 0 and < 7, $"draw {i} gave {value}");
        }
    }
}
