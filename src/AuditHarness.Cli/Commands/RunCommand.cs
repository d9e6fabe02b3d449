using System.CommandLine;
using System.Globalization;
using AuditHarness.Core.Policies;
using AuditHarness.Core.Specs;
using AuditHarness.Engine;

namespace AuditHarness.Cli.Commands;

/// <summary>
/// <c>run SPEC</c>: runs an audit spec and prints each model's checks and verdict. Exit code: 0 every check
/// passed (or warned), 1 a check failed, 2 bad spec or input, 3 the run broke (error rate above the spec's maximum).
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var spec = new Argument<FileInfo>("spec") { Description = "The audit spec (audits/<name>.audit.json)." };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Output folder; overrides the spec's output." };
        Option<int> threads = CommonOptions.Threads();
        threads.Description = "ONNX Runtime intra-op threads per inference (default 1: the other core prepares the next pairs; 0 = one per core).";
        threads.DefaultValueFactory = _ => 1;
        var command = new Command("run", "Run an audit spec: pairs through the tapped model, placebo controls, statistics, policy verdicts, CSV logs.")
        {
            spec, output, threads,
        };
        command.SetAction(parse => CommandGuard.Run(parse.GetValue(CommonOptions.Verbose), () => Execute(
            parse.GetRequiredValue(spec).FullName, parse.GetValue(output)?.FullName, parse.GetValue(threads))));
        return command;
    }

    public static int Execute(string specPath, string? outputFolder, int threads)
    {
        AuditSpec spec = AuditSpecLoader.Load(specPath);
        int lastReported = -1;
        var options = new AuditRunOptions { OutputFolder = outputFolder, IntraOpThreads = threads, Progress = Report };
        AuditSummary summary = AuditRunner.Run(spec, options);

        void Report(AuditProgress p)
        {
            // Plain lines (not a redrawn bar) so logs of scheduled runs stay readable: about every 10 % and at the end.
            int step = Math.Max(1, p.PairsTotal / 10);
            if (p.PairsDone == p.PairsTotal || p.PairsDone / step != lastReported)
            {
                lastReported = p.PairsDone / step;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"[{p.ModelIndex + 1}/{p.ModelCount}] {p.Model}: {p.PairsDone}/{p.PairsTotal} pairs, {p.PairsPerSecond:0.0} pairs/s, {p.Failures} failed{(p.Remaining is { } r && p.PairsDone < p.PairsTotal ? $", ETA {r.TotalSeconds:0} s" : string.Empty)}"));
            }
        }

        foreach (ModelAuditSummary model in summary.Models)
        {
            Console.WriteLine();
            Console.WriteLine($"{model.Model}: {model.Verdict.ToString().ToUpperInvariant()} ({model.PairsCompleted} of {model.PairsAttempted} pairs, {model.Failures.Count} failed)");
            foreach (CheckResult c in model.Checks)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {c.Verdict.ToString().ToUpperInvariant(),-4}  {c.Check.Id,-30} {c.ArtifactType,-12} reliance {c.Estimate,8:0.0000} [{c.Low:0.0000}, {c.High:0.0000}]  threshold {c.Check.Threshold:0.###}  artifact {c.ArtifactEffect:0.0000} placebo {c.PlaceboEffect:0.0000}  p {c.PValue:0.####}  n {c.Pairs}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Audit '{summary.AuditName}': {(summary.IsBroken ? "BROKEN" : summary.Verdict.ToString().ToUpperInvariant())}; logs in {summary.OutputFolder}");
        if (summary.IsBroken)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: more than {summary.MaxErrorRate:P0} of the pairs failed; see errors.csv."));
            return ExitCodes.RunBroken;
        }

        return summary.Verdict == Verdict.Fail ? ExitCodes.ChecksFailed : ExitCodes.Success;
    }
}
