using System.Globalization;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Reporting;
using AuditHarness.Results;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// How <c>run</c> and <c>merge</c> end once the pipeline has finished the run folder: the export time (with
/// <c>--timings</c>), each model's checks on the console, the regression checks, the verdict line, and the exit code.
/// One place, so a merged run ends exactly like a single one.
/// </summary>
public static class AuditConclusion
{
    /// <param name="result">A finished run (its summary set).</param>
    /// <param name="failOnWarn">Strict gate: an overall WARN exits 1.</param>
    /// <param name="timeExports">Print how long the exports took (run --timings).</param>
    /// <param name="finishHint">How to finish a run left unsealed by a failed export, e.g. <c>go on with 'run SPEC --resume DIR'</c>.</param>
    public static int Conclude(AuditPipelineResult result, bool failOnWarn = false, bool timeExports = false, string? finishHint = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        AuditSummary summary = result.Summary ?? throw new ArgumentException("The pipeline left no summary: a shard run or an already finished run.", nameof(result));
        if (timeExports)
        {
            // Nearly all of it is report.pdf (charts and gallery images); junit.xml and summary.json take a few ms.
            double exportMs = result.ExportTime.TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"exports (junit, json, report.pdf)",-36} {exportMs,14:0.0} ms once"));
        }

        foreach (ModelAuditSummary model in summary.Models)
        {
            Console.WriteLine();
            Console.WriteLine($"{model.Model}{(model.Role == ModelRole.Reference ? " (reference, decides nothing)" : string.Empty)}: {VerdictText.Of(model.Verdict)} ({model.PairsCompleted} of {model.PairsAttempted} pairs, {model.Failures.Count} failed)");
            foreach (CheckResult c in model.Checks)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {VerdictText.Of(c.Verdict),-4}  {c.Check.Id,-30} {c.ArtifactType,-12} reliance {Number(c.Estimate),8} [{Number(c.Low)}, {Number(c.High)}]  threshold {c.Check.Threshold:0.###}  artifact {Number(c.ArtifactEffect)} placebo {Number(c.PlaceboEffect)}  p {PValue(c.PValue)} (Holm {PValue(c.HolmPValue)})  n {c.Pairs}{(c.Clusters > 0 ? $" ({c.Clusters} {c.ResampledUnit} clusters)" : string.Empty)}  control {c.Controls.Describe()}{(c.Note is null ? string.Empty : $"  ({c.Note})")}"));
            }
        }

        if (summary.Baseline is not null)
        {
            GateOptions.Print(summary.Baseline, Console.Out);
        }

        Console.WriteLine();
        // An unsealed run's verdict is not the run's outcome (it exits 3), so the line says so rather than a bare PASS.
        string unsealed = result.IsSealed ? string.Empty : " but the run is not sealed (an export failed, see below)";
        Console.WriteLine($"Audit '{summary.AuditName}': {VerdictText.Of(summary.Verdict, summary.IsBroken)}{unsealed}; logs in {summary.OutputFolder}");
        if (summary.IsBroken)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: more than {summary.MaxErrorRate:P0} of the pairs failed; see errors.csv."));
        }

        if (!result.IsSealed)
        {
            // Whatever the verdict: a run without the exports it was asked for is not a finished run.
            foreach (ExportFailure failure in result.Exports!.Failures)
            {
                Console.Error.WriteLine($"error: {OneLine(failure.FileMessage)}; the run is not sealed: free the cause, then {finishHint ?? "run it again"}.");
            }

            return ExitCodes.RunBroken;
        }

        if (!summary.IsBroken && result.BaselineError is { } baselineError)
        {
            Console.Error.WriteLine("error: " + baselineError);
            return ExitCodes.BadInput;
        }

        return ExitCode(summary.Verdict, summary.IsBroken, failOnWarn);
    }

    /// <summary>3 the run broke (error rate above the maximum); otherwise as <see cref="GateOptions.ExitCode"/>: 1 a check failed (or warned, with --fail-on-warn), 0 otherwise.</summary>
    public static int ExitCode(Verdict verdict, bool broken, bool failOnWarn = false) =>
        broken ? ExitCodes.RunBroken : GateOptions.ExitCode(verdict, failOnWarn);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static string Number(double value) =>
        double.IsNaN(value) ? "n/a" : value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string PValue(double p) =>
        double.IsNaN(p) ? "n/a" : p < 0.0001 ? "<0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);
}
