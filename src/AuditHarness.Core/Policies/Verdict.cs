namespace AuditHarness.Core.Policies;

/// <summary>The outcome of a check, ordered from best to worst so the overall verdict is the maximum.</summary>
public enum Verdict
{
    /// <summary>The point estimate is on the acceptable side of the threshold (or on it).</summary>
    Pass,

    /// <summary>The point estimate is on the wrong side, but the confidence interval still reaches the threshold.</summary>
    Warn,

    /// <summary>
    /// No pair had both effects (n = 0): nothing was judged. Worse than WARN, since a check without evidence must not
    /// pass a gate; better than FAIL, since nothing was shown to be wrong. Fails the gate like FAIL.
    /// </summary>
    Inconclusive,

    /// <summary>The whole confidence interval is on the wrong side of the threshold.</summary>
    Fail,
}
