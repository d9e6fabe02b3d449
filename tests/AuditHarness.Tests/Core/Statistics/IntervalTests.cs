using AuditHarness.Core.Statistics;

namespace AuditHarness.Tests.Core.Statistics;

[TestClass]
public sealed class IntervalTests
{
    [TestMethod]
    public void ContainsIncludesBothBoundsAndNothingOutside()
    {
        var interval = new Interval(2, 1, 3);

        Assert.IsTrue(interval.Contains(1));
        Assert.IsTrue(interval.Contains(2));
        Assert.IsTrue(interval.Contains(3));
        Assert.IsFalse(interval.Contains(0.999));
        Assert.IsFalse(interval.Contains(3.001));
        Assert.IsFalse(interval.Contains(double.NaN));
    }

    [TestMethod]
    public void UndefinedIntervalContainsNothingAndSaysSo()
    {
        Assert.IsTrue(Interval.Undefined.IsUndefined);
        Assert.IsFalse(Interval.Undefined.Contains(0));
        Assert.IsFalse(new Interval(0, -1, 1).IsUndefined);
    }
}
