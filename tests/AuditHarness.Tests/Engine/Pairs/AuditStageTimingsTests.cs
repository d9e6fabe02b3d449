using AuditHarness.Engine.Pipeline;
using AuditHarness.Tests.Engine;
using AuditHarness.Engine.Pairs;

namespace AuditHarness.Tests.Engine.Pairs;

[TestClass]
public sealed class AuditStageTimingsTests
{
    [TestMethod]
    public void AStageThatRunsTwiceInAPairIsOneSampleOfTheirSum()
    {
        var timings = new AuditStageTimings();
        using (AuditStageTimings.PairScope pair = timings.StartPair())
        {
            pair.Add("predict", 2);
            pair.Add("compare", 1);
            pair.Add("predict", 3);
        }

        var summary = timings.Summary();
        Assert.HasCount(2, summary);
        Assert.AreEqual(("predict", 5.0, 5.0, 1), summary[0]);
        Assert.AreEqual(("compare", 1.0, 1.0, 1), summary[1]);
    }

    [TestMethod]
    public void TheMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo()
    {
        var timings = new AuditStageTimings();
        foreach (double ms in new[] { 9.0, 1.0, 4.0, 2.0 })
        {
            timings.Add("write", ms);
        }

        (string stage, double median, double total, int pairs) = timings.Summary()[0];
        Assert.AreEqual("write", stage);
        Assert.AreEqual(3.0, median);
        Assert.AreEqual(16.0, total);
        Assert.AreEqual(4, pairs);
    }
}
