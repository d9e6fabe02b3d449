namespace AuditHarness.Core.Policies;

/// <summary>
/// How a verdict is spelled in every output (console, CSV logs, summary.json, junit.xml, the report, the run journal
/// and history): upper case, so a reader can grep for FAIL whatever file it is in.
/// </summary>
public static class VerdictText
{
    /// <summary>A run whose share of failed pairs exceeds the maximum error rate, whatever its checks say.</summary>
    public const string Broken = "BROKEN";

    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "PASS",
        Verdict.Warn => "WARN",
        Verdict.Inconclusive => "INCONCLUSIVE",
        Verdict.Fail => "FAIL",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "unknown verdict"),
    };

    /// <summary>A run's overall verdict: <see cref="Broken"/> when too many pairs failed, else its checks' verdict.</summary>
    public static string Of(Verdict verdict, bool broken) => broken ? Broken : Of(verdict);
}
