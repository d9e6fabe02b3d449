using AuditHarness.Core.Statistics;

namespace AuditHarness.Tests.Core.Statistics;

/// <summary>The one sampler of values to draw: every value up to the bound, beyond it evenly spaced order statistics.</summary>
[TestClass]
public sealed class OrderStatisticSampleTests
{
    [TestMethod]
    public void AtMostTheBoundEveryValueIsKeptInItsOrder()
    {
        double[] values = [0.3, -0.1, 0.7, 0.0];

        CollectionAssert.AreEqual(values, OrderStatisticSample.Of(values, limit: 4).ToArray());
    }

    [TestMethod]
    public void BeyondTheBoundTheSampleIsEvenlySpacedOrderStatisticsWithTheExtremes()
    {
        // The values 0..999 shuffled: the value of rank r is r. Five points take ranks 0, 249.75, 499.5, 749.25 and 999,
        // halves rounded up: 0, 250, 500, 749, 999.
        double[] values = [.. Enumerable.Range(0, 1000).Select(i => (double)((i * 7919) % 1000))];
        Assert.AreEqual(1000, values.Distinct().Count(), "a permutation of 0..999");

        CollectionAssert.AreEqual(new double[] { 0, 250, 500, 749, 999 }, OrderStatisticSample.Of(values, limit: 5).ToArray());
    }

    [TestMethod]
    public void TheSampleDoesNotDependOnTheValuesOrder()
    {
        // A resumed, sharded or merged run may hand the values over in another order; the sample must not change.
        var random = new Random(11);
        double[] values = [.. Enumerable.Range(0, 5000).Select(_ => random.NextDouble())];
        double[] reversed = [.. values.Reverse()];

        double[] sample = [.. OrderStatisticSample.Of(values, 200)];

        Assert.HasCount(200, sample);
        CollectionAssert.AreEqual(sample, OrderStatisticSample.Of(reversed, 200).ToArray());
        Assert.AreEqual(values.Min(), sample[0]);
        Assert.AreEqual(values.Max(), sample[^1]);
    }

    [TestMethod]
    public void AMidpointRankIsRoundedUpExactlyWhereFloatingPointWouldMissIt()
    {
        // n = 10^8 + 1 is too many to build; the rank rule is what matters: with n - 1 = 3 and limit 3, rank 1.5 rounds
        // to 2. Values 10, 20, 30, 40: the middle point is 30.
        CollectionAssert.AreEqual(new double[] { 10, 30, 40 }, OrderStatisticSample.Of([40.0, 10, 30, 20], limit: 3).ToArray());
    }

    [TestMethod]
    public void ASampleBoundBelowTwoIsRefused()
    {
        // One point could not hold both extremes.
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => OrderStatisticSample.Of([1.0, 2.0, 3.0], limit: 1));
    }
}
