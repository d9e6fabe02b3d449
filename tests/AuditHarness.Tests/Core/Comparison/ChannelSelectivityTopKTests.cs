using AuditHarness.Core.Comparison;

namespace AuditHarness.Tests.Core.Comparison;

[TestClass]
public sealed class ChannelSelectivityTopKTests
{
    [TestMethod]
    public void RanksChannelsByMeanSelectivityDescending()
    {
        var topK = new ChannelSelectivityTopK();
        topK.Add("ruler", "model.9", 0, "p0", [1, 4, 2]);
        topK.Add("ruler", "model.9", 1, "p1", [1, 0, 4]);

        // means: ch0 (1+1)/2 = 1, ch1 (4+0)/2 = 2, ch2 (2+4)/2 = 3.
        IReadOnlyList<SelectiveChannel> top = topK.Top("ruler", "model.9");

        CollectionAssert.AreEqual(new[] { 2, 1, 0 }, top.Select(c => c.Channel).ToArray());
        Assert.AreEqual(new SelectiveChannel("model.9", 2, 3.0, 4.0, 2, "p1", "ruler"), top[0]);
        Assert.AreEqual(new SelectiveChannel("model.9", 1, 2.0, 4.0, 2, "p0", "ruler"), top[1]);
    }

    [TestMethod]
    public void KeepsOnlyKChannelsAndBreaksTiesByChannelIndex()
    {
        var topK = new ChannelSelectivityTopK(k: 2);
        topK.Add("ruler", "model.9", 0, "p0", [1, 3, 2]);
        topK.Add("ruler", "model.9", 1, "p1", [3, 1, 2]);

        // All means are 2: channel order decides, and k = 2 keeps channels 0 and 1.
        CollectionAssert.AreEqual(new[] { 0, 1 }, topK.Top("ruler", "model.9").Select(c => c.Channel).ToArray());
    }

    [TestMethod]
    public void UndefinedSelectivityIsSkippedPerChannel()
    {
        var topK = new ChannelSelectivityTopK();
        topK.Add("ruler", "model.9", 0, "p0", [float.NaN, 2, float.NaN]);
        topK.Add("ruler", "model.9", 1, "p1", [4, 2, float.NaN]);

        IReadOnlyList<SelectiveChannel> top = topK.Top("ruler", "model.9");

        // ch0: only p1 counts -> mean 4 over 1 pair; ch1: (2+2)/2 = 2 over 2; ch2 never defined -> not ranked.
        Assert.HasCount(2, top);
        Assert.AreEqual(new SelectiveChannel("model.9", 0, 4.0, 4.0, 1, "p1", "ruler"), top[0]);
        Assert.AreEqual(new SelectiveChannel("model.9", 1, 2.0, 2.0, 2, "p0", "ruler"), top[1]);
    }

    [TestMethod]
    public void LayersAreRankedSeparately()
    {
        var topK = new ChannelSelectivityTopK();
        topK.Add("ruler", "model.4", 0, "p0", [1, 5]);
        topK.Add("ruler", "model.9", 0, "p0", [5, 1, 0]);

        Assert.AreEqual(1, topK.Top("ruler", "model.4")[0].Channel);
        Assert.AreEqual(0, topK.Top("ruler", "model.9")[0].Channel);
        CollectionAssert.AreEqual(new[] { ("ruler", "model.4"), ("ruler", "model.9") }, topK.Groups.ToArray());
    }

    [TestMethod]
    public void ArtifactTypesAreRankedSeparately()
    {
        var topK = new ChannelSelectivityTopK();
        topK.Add("ruler", "model.2", 0, "p0", [6, 1, 1]);
        topK.Add("dark_corner", "model.2", 1, "p1", [1, 1, 3]);
        topK.Add("ruler", "model.2", 2, "p2", [2, 1, 1]);

        // Rulers alone: ch0 (6+2)/2 = 4 first; dark corners alone: ch2 3 first. Pooled, ch0 (6+1+2)/3 = 3 would
        // still lead, and ch2 (1+3+1)/3 = 1.67 would hide dark corners' own channel.
        Assert.AreEqual(new SelectiveChannel("model.2", 0, 4.0, 6.0, 2, "p0", "ruler"), topK.Top("ruler", "model.2")[0]);
        Assert.AreEqual(new SelectiveChannel("model.2", 2, 3.0, 3.0, 1, "p1", "dark_corner"), topK.Top("dark_corner", "model.2")[0]);
        CollectionAssert.AreEqual(new[] { ("dark_corner", "model.2"), ("ruler", "model.2") }, topK.Groups.ToArray());
    }

    [TestMethod]
    public void ResultIsTheSameInEveryOrderPairsAreAddedIn()
    {
        // Values chosen so that a plain double sum depends on the order. Near 2^30 a double's spacing is
        // 2^(30-52) = 2^-22 = 4 * 2^-24, so adding 2^-24 to 2^30 rounds back to 2^30 (a quarter spacing),
        // while 2^-24 + 2^-24 + 2^-24 = 3 * 2^-24 added at once is 0.75 spacing and rounds up.
        float big = MathF.ScaleB(1, 30), tiny = MathF.ScaleB(1, -24), small = MathF.ScaleB(1, -22);
        Assert.AreEqual((double)big, ((double)big + tiny + tiny) + tiny, "premise: big first loses the tiny terms");
        Assert.AreEqual((double)big + small, (double)big + (tiny + tiny + tiny), "premise: tiny terms first round up");

        // ch0 [big, tiny, tiny, tiny]: exact sum 2^30 + 3*2^-24 rounds once to 2^30 + 2^-22.
        // ch1 [big, small, 0, 0]:     exact sum 2^30 + 2^-22.
        // The means tie at (2^30 + 2^-22) / 4 = 2^28 + 2^-24, so channel 0 ranks first in every order.
        // ch2 [5, 5, 5, 5]: the maximum ties in every pair; the lowest pair index, p0, names it.
        float[][] pairs = [[big, big, 5], [tiny, small, 5], [tiny, 0, 5], [tiny, 0, 5]];
        double expectedMean = Math.ScaleB(1, 28) + Math.ScaleB(1, -24);

        foreach (int[] order in Permutations([0, 1, 2, 3]))
        {
            var topK = new ChannelSelectivityTopK();
            foreach (int p in order)
            {
                topK.Add("ruler", "model.9", p, $"p{p}", pairs[p]);
            }

            IReadOnlyList<SelectiveChannel> top = topK.Top("ruler", "model.9");
            string orderText = string.Join(",", order);
            Assert.AreEqual(new SelectiveChannel("model.9", 0, expectedMean, big, 4, "p0", "ruler"), top[0], orderText);
            Assert.AreEqual(new SelectiveChannel("model.9", 1, expectedMean, big, 4, "p0", "ruler"), top[1], orderText);
            Assert.AreEqual(new SelectiveChannel("model.9", 2, 5.0, 5.0, 4, "p0", "ruler"), top[2], orderText);
        }
    }

    [TestMethod]
    public void ChannelCountMustStayTheSameForATap()
    {
        var topK = new ChannelSelectivityTopK();
        topK.Add("ruler", "model.9", 0, "p0", [1, 2]);

        Assert.ThrowsExactly<ArgumentException>(() => topK.Add("ruler", "model.9", 1, "p1", [1, 2, 3]));
    }

    [TestMethod]
    public void AskingForATapNeverAddedIsAnError()
    {
        var topK = new ChannelSelectivityTopK();
        topK.Add("ruler", "model.9", 0, "p0", [1]);

        ArgumentException e = Assert.ThrowsExactly<ArgumentException>(() => topK.Top("ruler", "model.4"));
        Assert.ThrowsExactly<ArgumentException>(() => topK.Top("dark_corner", "model.9"), "a tap seen on rulers only has no dark-corner ranking");

        StringAssert.Contains(e.Message, "model.4");
    }

    [TestMethod]
    public void InfiniteSelectivityIsRejected()
    {
        var topK = new ChannelSelectivityTopK();

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => topK.Add("ruler", "model.9", 0, "p0", [float.PositiveInfinity]));
    }

    [TestMethod]
    public void KBelowOneIsRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ChannelSelectivityTopK(k: 0));
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (int i = 0; i < items.Length; i++)
        {
            int[] rest = [.. items[..i], .. items[(i + 1)..]];
            foreach (int[] tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
