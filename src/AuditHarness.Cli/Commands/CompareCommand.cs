using System.CommandLine;
using AuditHarness.Engine;
using AuditHarness.Engine.Baseline;
using AuditHarness.Results;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// <c>compare BASELINE_RUN CANDIDATE_RUN</c>: the regression checks of one finished run against another, from their
/// folders (<c>pair-metrics.csv</c>, <c>summary.json</c>, <c>run-manifest.json</c>). Writes <c>regressions.csv</c>,
/// <c>junit.xml</c>, <c>summary.json</c> and <c>report.pdf</c> to <c>--out</c>, by default a sibling folder of the
/// candidate (never inside it: <c>verify</c> would flag the added files). Exit code as <c>run</c>: 0 no regression
/// (or only warnings), 1 a regression FAILs (or WARNs, with --fail-on-warn), 2 bad input.
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
        RecordedRun baseline = RecordedRunReader.Read(baselineFolder);
        RecordedRun candidate = RecordedRunReader.Read(candidateFolder);
        BaselineComparison comparison = BaselineComparer.Compare(baseline, candidate, unpaired);

        string folder = outputFolder ?? Path.Combine(
            Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(candidate.Folder))!,
            $"compare-{Path.GetFileName(Path.TrimEndingDirectorySeparator(candidate.Folder))}-vs-{Path.GetFileName(Path.TrimEndingDirectorySeparator(baseline.Folder))}");
        Directory.CreateDirectory(folder);
        RegressionTable.Write(comparison, folder);

        // The comparison alone, as a summary without models: the exporters then show only the regression checks.
        var summary = new AuditSummary(candidate.AuditName, folder, candidate.MaxErrorRate, []) { Baseline = comparison, Bootstrap = candidate.Bootstrap };
        AuditHarness.Reporting.RunExports.WriteAll(summary, Console.Error);

        GateOptions.Print(comparison, Console.Out);
        Console.WriteLine();
        Console.WriteLine($"Compare '{candidate.AuditName}': {comparison.Verdict.ToString().ToUpperInvariant()}; outputs in {folder}");
        return GateOptions.ExitCode(comparison.Verdict, failOnWarn);
    }
}
