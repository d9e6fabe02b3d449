using System.CommandLine;
using AuditHarness.Core.Policies;
using AuditHarness.Results;

namespace AuditHarness.Cli.Commands;

/// <summary>The options <c>run</c> and <c>compare</c> share for gating on a baseline, and the exit code they gate on.</summary>
public static class GateOptions
{
    public static Option<DirectoryInfo?> Baseline() => new("--baseline")
    {
        Description = "A finished run folder to compare with: every check also becomes a regression check (the reliance rising by more than the policy's regressionTolerance FAILs).",
    };

    public static Option<bool> Unpaired() => new("--unpaired")
    {
        Description = "Compare with the baseline even when its dataset differs: difference of means of independent samples instead of pair by pair.",
    };

    public static Option<bool> FailOnWarn() => new("--fail-on-warn")
    {
        Description = "Strict gate: exit 1 when the overall verdict is WARN, not only on FAIL.",
    };

    /// <summary>1 (<see cref="ExitCodes.ChecksFailed"/>) on FAIL or INCONCLUSIVE, or on WARN with <paramref name="failOnWarn"/>; 0 otherwise.</summary>
    public static int ExitCode(Verdict verdict, bool failOnWarn) =>
        verdict is Verdict.Fail or Verdict.Inconclusive || (failOnWarn && verdict == Verdict.Warn) ? ExitCodes.ChecksFailed : ExitCodes.Success;

    /// <summary>One line per regression check, as <c>run</c> prints the policy checks.</summary>
    public static void Print(BaselineComparison comparison, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine();
        output.WriteLine($"Change since baseline {comparison.BaselineFolder} ({(comparison.Paired ? "paired" : "unpaired")}): {VerdictText.Of(comparison.Verdict)}");
        foreach (RegressionResult r in comparison.Results)
        {
            output.WriteLine(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"  {VerdictText.Of(r.Verdict),-4}  {r.Model + (r.Model == r.BaselineModel ? string.Empty : " vs " + r.BaselineModel),-20} {r.Check.Id,-30} {r.ArtifactType,-12} change {Number(r.Change),8} [{Number(r.Low)}, {Number(r.High)}]  tolerance {r.Check.RegressionTolerance:0.####}  baseline {Number(r.BaselineEstimate)} now {Number(r.CandidateEstimate)}  n {r.Pairs}{(r.Note is null ? string.Empty : $"  ({r.Note})")}"));
        }
    }

    private static string Number(double value) =>
        double.IsNaN(value) ? "n/a" : value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
}
