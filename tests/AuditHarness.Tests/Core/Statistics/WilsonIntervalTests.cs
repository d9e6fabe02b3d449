using AuditHarness.Core.Statistics;

namespace AuditHarness.Tests.Core.Statistics;

[TestClass]
public sealed class WilsonIntervalTests
{
    // Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven methods",
    // Statistics in Medicine 17:857-872 (1998), Table I, method 3 (score, no continuity correction), printed to
    // four decimals; the tolerance is half a unit in the fourth. Each row also worked from the formula by hand,
    // z = 1.959964, z^2 = 3.841459 (all four agree with the table):
    //   81/263: p = 0.307985, z^2/n = 0.014606, centre = (0.307985 + 0.007303) / 1.014606 = 0.310749,
    //           half = 1.959964 / 1.014606 * sqrt(0.307985 * 0.692015 / 263 + 3.841459 / (4 * 263^2))
    //                = 1.931757 * sqrt(0.000824265) = 0.055461  -> 0.2553, 0.3662
    //   15/148: p = 0.101351, centre = (0.101351 + 0.012978) / 1.025956 = 0.111437,
    //           half = 1.910372 * sqrt(0.000659245) = 0.049050 -> 0.0624, 0.1605
    //    0/20:  lower 0; upper = z^2 / (n + z^2) = 3.841459 / 23.841459 = 0.161125 -> 0, 0.1611
    //    1/29:  p = 0.034483, centre = (0.034483 + 0.066232) / 1.132464 = 0.088934,
    //           half = 1.730701 * sqrt(0.002289990) = 0.082821 -> 0.0061, 0.1718
    [TestMethod]
    [DataRow(81, 263, 0.2553, 0.3662)]
    [DataRow(15, 148, 0.0624, 0.1605)]
    [DataRow(0, 20, 0.0, 0.1611)]
    [DataRow(1, 29, 0.0061, 0.1718)]
    public void MatchesNewcombesTableOne(int successes, int trials, double low, double high)
    {
        Interval interval = WilsonInterval.Compute(successes, trials);

        Assert.AreEqual((double)successes / trials, interval.Estimate, 1e-15);
        Assert.AreEqual(low, interval.Low, 0.00005);
        Assert.AreEqual(high, interval.High, 0.00005);
    }

    [TestMethod]
    public void NinetyPercentIntervalUsesTheMatchingCriticalValue()
    {
        // 5/10 at 90 %: z = 1.644854 (normal table), z^2 = 2.705543, denominator 1 + z^2/10 = 1.270554;
        // centre 0.5 by symmetry; half = 1.644854 / 1.270554 * sqrt(0.025 + 2.705543 / 400) = 1.294596 * 0.178224
        // = 0.230728 -> 0.269272, 0.730728.
        Interval interval = WilsonInterval.Compute(5, 10, 0.90);

        Assert.AreEqual(0.269272, interval.Low, 1e-6);
        Assert.AreEqual(0.730728, interval.High, 1e-6);
    }

    [TestMethod]
    public void BoundsAtZeroAndAllSuccessesArePinnedToTheUnitInterval()
    {
        Assert.AreEqual(0.0, WilsonInterval.Compute(0, 20).Low);
        Assert.AreEqual(1.0, WilsonInterval.Compute(20, 20).High);

        // 20/20 mirrors 0/20: lower = 1 - 0.161125.
        Assert.AreEqual(1 - 0.161125, WilsonInterval.Compute(20, 20).Low, 1e-6);
    }

    [TestMethod]
    public void NoTrialsGiveAnUndefinedInterval()
    {
        Assert.IsTrue(WilsonInterval.Compute(0, 0).IsUndefined);
    }

    [TestMethod]
    [DataRow(-1, 10)]
    [DataRow(11, 10)]
    [DataRow(1, 0)]
    public void SuccessesOutsideZeroToTrialsAreRejected(int successes, int trials)
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(successes, trials));

        Assert.AreEqual("successes", error.ParamName);
    }

    [TestMethod]
    public void NegativeTrialsAreRejected()
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(0, -1));

        Assert.AreEqual("trials", error.ParamName);
    }

    [TestMethod]
    public void ConfidenceOutsideTheOpenUnitIntervalIsRejected()
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(1, 2, 1.0));

        Assert.AreEqual("confidence", error.ParamName);
    }
}
