namespace AuditHarness.Core.Policies;

/// <summary>A check's verdict when no pair had both effects (n = 0): the policy's <c>checks[].onNoData</c>.</summary>
public enum NoDataVerdict
{
    /// <summary>INCONCLUSIVE, which fails the gate: a check that judged nothing must not pass unnoticed.</summary>
    Inconclusive,

    /// <summary>WARN, which passes the gate (unless <c>--fail-on-warn</c>): for checks known to lack data on some datasets.</summary>
    Warn,
}
