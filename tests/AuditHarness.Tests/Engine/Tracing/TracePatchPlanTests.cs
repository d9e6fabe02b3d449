using AuditHarness.Core.Specs;
using AuditHarness.Engine.Tracing;
using AuditHarness.Results;

namespace AuditHarness.Tests.Engine.Tracing;

[TestClass]
public sealed class TracePatchPlanTests
{
    [TestMethod]
    public void RowsGoSelectiveRandomRegionOutsideWithKClampedToTheLayer()
    {
        var settings = new TraceSettings(["model.2"], [1, 4, 16, TraceSettings.AllChannels], 2, TraceSettings.AllPairs, 7);
        int[] ranked = [5, 0, 3, 7, 1, 2, 4, 6];

        IReadOnlyList<TracePatchPlan> plans = TracePatchPlan.For(settings, "m", "ruler", "model.2", 8, ranked);

        // k = 16 and "all" both become the layer's 8 channels: one row each selection.
        string[] shape = [.. plans.Select(p => $"{p.Selection} {p.K} {p.Draw}")];
        CollectionAssert.AreEqual(
            new[] { "Selective 1 0", "Selective 4 0", "Selective 8 0", "Random 1 1", "Random 1 2", "Random 4 1", "Random 4 2", "Random 8 1", "Random 8 2", "Region 8 0", "Outside 8 0" },
            shape);
        CollectionAssert.AreEqual(new[] { 5 }, plans[0].Channels!.ToArray());
        CollectionAssert.AreEqual(new[] { 0, 3, 5, 7 }, plans[1].Channels!.ToArray(), "the top 4, ascending");
        Assert.IsNull(plans[^2].Channels);
        Assert.IsTrue(plans[^2].Inside);
        Assert.IsFalse(plans[^1].Inside);
        Assert.AreEqual(TraceSelection.Region, plans[^2].Selection);
    }

    [TestMethod]
    public void RandomDrawsAreDistinctChannelsRepeatableAndDifferPerDraw()
    {
        IReadOnlyList<int> first = TracePatchPlan.RandomChannels(7, "m", "ruler", "model.9", 8, 1, 256);
        IReadOnlyList<int> again = TracePatchPlan.RandomChannels(7, "m", "ruler", "model.9", 8, 1, 256);
        IReadOnlyList<int> second = TracePatchPlan.RandomChannels(7, "m", "ruler", "model.9", 8, 2, 256);

        CollectionAssert.AreEqual(first.ToArray(), again.ToArray());
        CollectionAssert.AreNotEqual(first.ToArray(), second.ToArray());
        Assert.HasCount(8, first.Distinct());
        Assert.IsTrue(first.All(c => c is >= 0 and < 256));
        CollectionAssert.AreEqual(first.Order().ToArray(), first.ToArray(), "ascending");
        CollectionAssert.AreEqual(Enumerable.Range(0, 16).ToArray(), TracePatchPlan.RandomChannels(7, "m", "ruler", "model.9", 16, 1, 16).ToArray(), "k = all is every channel");
    }

    [TestMethod]
    public void ChannelsAreRankedByMeanSelectivityTiesByIndex()
    {
        // Channel means: c0 (1 + 3) / 2 = 2, c1 (5 + NaN) = 5 (the NaN left out), c2 (2 + 2) / 2 = 2, c3 all NaN (last).
        float[][] pairs = [[1f, 5f, 2f, float.NaN], [3f, float.NaN, 2f, float.NaN], [9f, 9f]]; // the last has another width: not counted

        CollectionAssert.AreEqual(new[] { 1, 0, 2, 3 }, ChannelRanking.Rank(pairs, 4).ToArray());
    }
}
