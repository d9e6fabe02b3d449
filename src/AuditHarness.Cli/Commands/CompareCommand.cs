using System.CommandLine;
using AuditHarness.Core.Policies;
using AuditHarness.Engine.Pipeline;
using AuditHarness.Reporting;
using AuditHarness.Results;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// <c>compare BASELINE_RUN CANDIDATE_RUN</c>: the regression checks of one finished run against another, from their
/// folders (<c>pair-metrics.csv</c>, <c>summary.json</c>, <c>run-manifest.json</c>). Writes <c>regressions.csv</c>,
/// <c>junit.xml</c>, <c>summary.json</c> and <c>report.pdf</c> to <c>--out</c>, by default a sibling folder of the
/// candidate (never inside it: <c>verify</c> would flag the added files). Exit code as <c>run</c>: 0 no regression
/// (or only warnings), 1 a regression FAILs (or WARNs, with --fail-on-warn), 2 bad input, 3 an output could not be written.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var baseline = new Argument<DirectoryInfo>("baseline-run") { Description = "The earlier run folder, the reference." };
        var candidate = new Argument<DirectoryInfo>("candidate-run") { Description = "The later run folder, judged against the baseline." };
        var output = new Option<DirectoryInfo?>("--out", "-o") { Description = "Output folder (default: compare-<candidate>-vs-<baseline> beside the candidate run folder)." };
        Option<bool> unpaired = GateOptions.Unpaired();
        Option<bool> failOnWarn = GateOptions.FailOnWarn();
        var command = new Command("compare", "Compare a candidate run with a baseline run: per check the change in reliance with its interval, FAIL when it worsens by more than the policy's regressionTolerance.")
        {
            baseline, candidate, output, unpaired, failOnWarn,
        };
        command.SetAction(parse => CommandGuard.Run(parse.GetValue(CommonOptions.Verbose), () => Execute(
            parse.GetRequiredValue(baseline).FullName, parse.GetRequiredValue(candidate).FullName, parse.GetValue(output)?.FullName, parse.GetValue(unpaired), parse.GetValue(failOnWarn))));
        return command;
    }

    public static int Execute(string baselineFolder, string candidateFolder, string? outputFolder, bool unpaired = false, bool failOnWarn = false)
    {
        AuditPipelineResult compared = AuditPipeline.Compare(baselineFolder, candidateFolder, outputFolder, unpaired, Console.Error);
        AuditSummary summary = compared.Summary!;
        BaselineComparison comparison = summary.Baseline!;
        GateOptions.Print(comparison, Console.Out);
        Console.WriteLine();
        Console.WriteLine($"Compare '{summary.AuditName}': {VerdictText.Of(comparison.Verdict)}; outputs in {compared.Folder}");
        if (!compared.IsSealed)
        {
            foreach (ExportFailure failure in compared.Exports!.Failures)
            {
                Console.Error.WriteLine($"error: {failure.FileMessage.ReplaceLineEndings(" ").Trim()}; free the cause, then run the same compare again.");
            }

            return ExitCodes.RunBroken;
        }

        return GateOptions.ExitCode(comparison.Verdict, failOnWarn);
    }
}
